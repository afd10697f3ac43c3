using System.Text.Json;
using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.Policy;

/// <summary>Walks a policy document, collecting every problem (with its JSON path) instead of stopping at the first.
/// Reads from a section that was itself missing or invalid return placeholders without a further problem: the
/// caller builds a policy only when <see cref="Problems"/> is empty.</summary>
internal sealed class PolicyReader
{
    private readonly List<FieldError> problems = [];

    public IReadOnlyList<FieldError> Problems => problems;

    public void Problem(string path, string message) => problems.Add(new FieldError(path, message));

    public Section? Root(JsonElement root, params string[] keys) => AsObject(root, "$", keys);

    public Section? Object(Section? parent, string key, params string[] keys) =>
        Property(parent, key) is { } value ? AsObject(value.Element, value.Path, keys) : null;

    public int Int(Section? parent, string key, int min, int max) =>
        Property(parent, key) is { } value ? AsInt(value.Element, value.Path, min, max) : min;

    public int AsInt(JsonElement element, string path, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
        {
            Problem(path, $"must be a whole number, found {Describe(element)}");
            return min;
        }
        if (number < min || number > max)
        {
            Problem(path, $"must be from {min} to {max}, found {number}");
            return min;
        }
        return number;
    }

    public string String(Section? parent, string key, bool allowBlank)
    {
        if (Property(parent, key) is not { } value) return "";
        if (value.Element.ValueKind != JsonValueKind.String)
        {
            Problem(value.Path, $"must be a string, found {Describe(value.Element)}");
            return "";
        }
        var text = value.Element.GetString()!;
        if (!allowBlank && string.IsNullOrWhiteSpace(text)) Problem(value.Path, "must not be empty");
        return text;
    }

    public TEnum Code<TEnum>(Section? parent, string key) where TEnum : struct, Enum
    {
        if (Property(parent, key) is not { } value) return default;
        if (value.Element.ValueKind == JsonValueKind.String && WireCode.TryParse<TEnum>(value.Element.GetString()!, out var code))
        {
            return code;
        }
        Problem(value.Path, $"must be one of {string.Join(", ", WireCode.All<TEnum>())}, found {Describe(value.Element)}");
        return default;
    }

    public (JsonElement Element, string Path)? Property(Section? parent, string key)
    {
        if (parent is not { } section) return null;
        var path = section.PathOf(key);
        if (section.Element.TryGetProperty(key, out var value)) return (value, path);
        Problem(path, "is missing");
        return null;
    }

    private Section? AsObject(JsonElement element, string path, string[] keys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(path, $"must be an object, found {Describe(element)}");
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name)) Problem($"{path}.{property.Name}", "appears more than once");
            else if (Array.IndexOf(keys, property.Name) < 0) Problem($"{path}.{property.Name}", $"is not a known setting (expected: {string.Join(", ", keys)})");
        }
        return new Section(element, path);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => $"an {element.ValueKind.ToString().ToLowerInvariant()}",
    };
}

internal readonly record struct Section(JsonElement Element, string Path)
{
    public string PathOf(string key) => $"{Path}.{key}";
}
