using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Benchmarks.Screening;

namespace IptTriage.Benchmarks.Workflow;

/// <summary>The valid sample forms in turn, each under its own referral id (<c>WF-000000</c>, ...): the same mix of
/// pathways, reviews and emergencies every run.</summary>
public static class BenchReferrals
{
    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Id(int i) => $"WF-{i:D6}";

    public static IReadOnlyList<byte[]> Make(int count)
    {
        var samples = SampleForms.LoadUtf8().Select(form => JsonNode.Parse(form)!.AsObject()).ToList();
        return Enumerable.Range(0, count).Select(i =>
        {
            var form = samples[i % samples.Count];
            form["referralId"] = Id(i);
            return JsonSerializer.SerializeToUtf8Bytes(form, RawUtf8);
        }).ToList();
    }
}
