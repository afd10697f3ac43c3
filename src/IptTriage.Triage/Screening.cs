using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Triage;

/// <summary>The triage entry points: pure functions of the form and the policy.</summary>
public static class Screening
{
    public static TriageDecision Decide(IntakeForm form, TriagePolicy policy) => throw new NotImplementedException();

    /// <summary>Parse, validate and decide. <paramref name="fallbackId"/> names an unparseable form (file name, <c>line N</c>).</summary>
    public static TriageDecision Screen(ReadOnlySpan<byte> utf8Json, string fallbackId, TriagePolicy policy)
    {
        var parsed = IntakeParser.Parse(utf8Json);
        return parsed.Form is { } form
            ? Decide(form, policy)
            : TriageDecision.Invalid(parsed.ReferralId ?? fallbackId, policy.Version, parsed.Errors);
    }
}
