using IptTriage.Benchmarks.Screening;

namespace IptTriage.Benchmarks.Workflow;

/// <summary>The valid sample forms in turn, each under its own referral id (<c>WF-000000</c>, ...): the same mix of
/// pathways, reviews and emergencies every run.</summary>
public static class BenchReferrals
{
    public static string Id(int i) => $"WF-{i:D6}";

    public static IReadOnlyList<byte[]> Make(int count) => SampleForms.Renumbered(count, Id).ToList();
}
