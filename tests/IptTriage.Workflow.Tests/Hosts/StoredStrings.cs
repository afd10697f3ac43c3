using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>Collects the text a host keeps, for the personal-data scan. Every string field of a protobuf message is
/// taken as it is, and, where it holds JSON (payloads are the data converter's JSON, which escapes "é" as
/// "\u00E9"), every string in it unescaped as well, so a value is found however it was encoded.</summary>
internal sealed class StoredStrings
{
    private readonly StringBuilder text = new();

    public override string ToString() => text.ToString();

    public void Add(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                AddString(s);
                return;
            case IMessage message:
                foreach (var field in message.Descriptor.Fields.InFieldNumberOrder()) Add(field.Accessor.GetValue(message));
                return;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                {
                    Add(entry.Key);
                    Add(entry.Value);
                }
                return;
            case IEnumerable items and not ByteString:
                foreach (var item in items) Add(item);
                return;
            default:
                text.Append(value).Append('\n');
                return;
        }
    }

    private void AddString(string value)
    {
        text.Append(value).Append('\n');
        if (value.Length == 0 || value[0] is not ('{' or '[' or '"')) return;
        try
        {
            AddJson(JsonNode.Parse(value));
        }
        catch (JsonException)
        {
            // Not JSON after all: taken as it is above.
        }
    }

    private void AddJson(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    text.Append(name).Append('\n');
                    AddJson(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array) AddJson(child);
                break;
            case JsonValue leaf when leaf.GetValueKind() == JsonValueKind.String:
                AddString(leaf.GetValue<string>()); // a payload may itself be JSON in a string
                break;
            case JsonValue leaf:
                text.Append(leaf.ToJsonString()).Append('\n');
                break;
        }
    }
}
