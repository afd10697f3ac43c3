using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Decisions;

/// <summary>The decision contract (<c>docs/intake-form.md</c>, "Triage decision"). Code arrays are sorted ordinally;
/// reasons are in evaluation order.</summary>
public sealed record TriageDecision(
    string ReferralId,
    string PolicyVersion,
    Outcome Outcome,
    Pathway? Pathway,
    Modality? Modality,
    IReadOnlyList<Adaptation> Adaptations,
    Urgency Urgency,
    IReadOnlyList<string> Exclusions,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ProblemArea> ProblemAreas,
    Scores? Scores,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<FieldError> Errors)
{
    public static TriageDecision Invalid(string referralId, string policyVersion, IReadOnlyList<FieldError> errors) =>
        new(referralId, policyVersion, Outcome.Invalid, null, null, [], Urgency.Routine, [], [], [], null, [], errors);
}

public enum Outcome { Routed, Review, Invalid }

public enum Pathway { Ipt, IptWithMedication, Alternative }

public enum Modality
{
    CrisisServices,
    PsychiatricCare,
    PersonalityDisorderService,
    TraumaFocusedTherapy,
    EatingDisorderService,
    ChildAndFamilyServices,
    Cbt,
}

public enum Adaptation { Ipsrt, IptA, IptEd, IptLateLife, IptPerinatal }

/// <summary>Ordered: a higher value is more urgent.</summary>
public enum Urgency { Routine, Urgent, Emergency }

/// <summary>One rule that fired: its id from the triage policy and a plain-language explanation (no personal data).</summary>
public sealed record Reason(string Rule, string Text);

/// <summary>One validation error: a JSON path such as <c>instruments.phq9[3]</c> and a plain message.</summary>
public sealed record FieldError(string Path, string Message);
