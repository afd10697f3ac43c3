using IptTriage.Triage.Policy;

namespace IptTriage.Triage.Tests.Policy;

/// <summary>The sample of a clinic's tuned policy, <c>samples/policy/tuned-clinic.json</c>, copied beside the tests.</summary>
internal static class TunedPolicy
{
    public static TriagePolicy Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestPolicies", "tuned-clinic.json");
        using var stream = File.OpenRead(path);
        return PolicyFile.Load(stream, "tuned-clinic.json");
    }
}
