using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IptTriage.Benchmarks.Screening;

/// <summary>The repository's valid sample intake forms (copied next to the benchmark at build time), as raw UTF-8:
/// varied on purpose, covering every pathway, exclusion and instrument.</summary>
public static class SampleForms
{
    public static IReadOnlyList<byte[]> LoadUtf8()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "samples", "intake");
        var forms = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        return forms.Count > 0 ? forms : throw new InvalidOperationException($"no sample forms in {directory}");
    }

    /// <summary><paramref name="count"/> forms, the samples in turn, the i-th under referral id <paramref name="id"/>(i);
    /// made one at a time, so a large corpus is never held whole. Relaxed escaping keeps names such as "Lucía" as raw
    /// UTF-8, as real forms arrive.</summary>
    public static IEnumerable<byte[]> Renumbered(int count, Func<int, string> id)
    {
        var samples = LoadUtf8().Select(form => JsonNode.Parse(form)!.AsObject()).ToList();
        for (var i = 0; i < count; i++)
        {
            var form = samples[i % samples.Count];
            form["referralId"] = id(i);
            yield return JsonSerializer.SerializeToUtf8Bytes(form, RawUtf8);
        }
    }

    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
