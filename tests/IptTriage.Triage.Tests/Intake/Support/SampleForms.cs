using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IptTriage.Triage.Tests.Intake.Support;

/// <summary>The sample forms under Intake/Forms and ways to derive variants of them by JSON path.</summary>
public static class SampleForms
{
    public const string Minimal = "minimal.json";
    public const string AllFields = "all-fields.json";
    public const string IptGrief = "ipt-grief.json";

    /// <summary>The four worked examples of the contract, copied from the spec.</summary>
    public static readonly string[] SpecExamples = ["ipt-grief.json", "ipt-with-medication.json", "acute-risk.json", "needs-review.json"];

    public static readonly string[] All = [.. SpecExamples, Minimal, AllFields];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Forms", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    /// <summary>The form with one change applied, as compact UTF-8 JSON.</summary>
    public static byte[] With(string name, Action<JsonObject> change)
    {
        var form = Json(name);
        change(form);
        return Encoding.UTF8.GetBytes(form.ToJsonString());
    }

    public static byte[] WithValue(string name, string path, JsonNode? value) => With(name, form => form.SetAt(path, value));

    public static byte[] Without(string name, string path) => With(name, form => form.RemoveAt(path));

    /// <summary>Sets the value at a path such as <c>client.consent.contactByEmail</c> or <c>instruments.phq9[3]</c>.</summary>
    public static void SetAt(this JsonObject form, string path, JsonNode? value)
    {
        var (parent, last) = Navigate(form, path);
        if (last.Index is { } index) parent.AsArray()[index] = value;
        else parent.AsObject()[last.Name] = value;
    }

    public static void RemoveAt(this JsonObject form, string path)
    {
        var (parent, last) = Navigate(form, path);
        if (last.Index is { } index) parent.AsArray().RemoveAt(index);
        else parent.AsObject().Remove(last.Name).Should().BeTrue($"{path} should exist in the sample form");
    }

    public static JsonNode? At(this JsonObject form, string path)
    {
        var (parent, last) = Navigate(form, path);
        return last.Index is { } index ? parent.AsArray()[index] : parent.AsObject()[last.Name];
    }

    /// <summary>The path of every property and array element under <paramref name="node"/>, parents first.</summary>
    public static IEnumerable<string> ValuePaths(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    yield return childPath;
                    if (child is not null) foreach (var nested in ValuePaths(child, childPath)) yield return nested;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) yield return $"{path}[{i}]";
                break;
        }
    }

    private static (JsonNode Parent, Segment Last) Navigate(JsonObject form, string path)
    {
        var segments = Parse(path);
        JsonNode node = form;
        foreach (var segment in segments[..^1])
        {
            node = (segment.Index is { } index ? node.AsArray()[index] : node.AsObject()[segment.Name])
                ?? throw new ArgumentException($"{path}: {segment} is null", nameof(path));
        }
        return (node, segments[^1]);
    }

    private readonly record struct Segment(string Name, int? Index);

    private static Segment[] Parse(string path)
    {
        var segments = new List<Segment>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0)
            {
                segments.Add(new Segment(part, null));
                continue;
            }
            segments.Add(new Segment(part[..bracket], null));
            segments.Add(new Segment("", int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        return [.. segments];
    }
}
