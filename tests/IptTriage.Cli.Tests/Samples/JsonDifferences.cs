using System.Text.Json.Nodes;

namespace IptTriage.Cli.Tests.Samples;

/// <summary>Every place two JSON documents differ, by path, so a failing sample says exactly which field is wrong.
/// A property that is null and one that is absent count as equal.</summary>
public static class JsonDifferences
{
    public static IReadOnlyList<string> Between(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject expectedObject, JsonObject actualObject):
                var keys = expectedObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key));
                foreach (var key in keys) Compare(expectedObject[key], actualObject[key], $"{path}.{key}", differences);
                break;
            case (JsonArray expectedArray, JsonArray actualArray) when expectedArray.Count == actualArray.Count:
                for (var i = 0; i < expectedArray.Count; i++) Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {Show(expected)}, actual {Show(actual)}");
                }
                break;
        }
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
