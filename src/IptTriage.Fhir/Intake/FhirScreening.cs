using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Fhir.Intake;

/// <summary>A FHIR referral screened as its intake form is (<c>iptriage screen</c>, the benchmark): an unmappable one,
/// or one whose mapped form the intake finds invalid, is an invalid decision whose errors carry FHIR locations.</summary>
public static class FhirScreening
{
    public static TriageDecision Screen(ReadOnlySpan<byte> utf8Json, string fallbackId, TriagePolicy policy)
    {
        var intake = FhirIntakeReader.Read(utf8Json);
        if (intake.Form is not { } form) return TriageDecision.Invalid(intake.ReferralId ?? fallbackId, policy.Version, ToErrors(intake.Issues));
        var parsed = IntakeParser.Parse(form);
        return parsed.Form is { } valid
            ? Screening.Decide(valid, policy)
            : TriageDecision.Invalid(parsed.ReferralId ?? fallbackId, policy.Version, ToErrors(intake.Locate(parsed.Errors, utf8Json)));
    }

    private static FieldError[] ToErrors(IEnumerable<FhirIssue> issues) => [.. issues.Select(issue => new FieldError(issue.Location, issue.Message))];
}
