using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Decisions;

internal sealed record ExclusionRule(string Id, Exclusion Code, Modality Modality, Urgency Urgency, Func<TriageContext, string?> Explain)
    : ITriageRule;

/// <summary><c>docs/triage-policy.md</c> section 2: when IPT is not offered now. Table order matters: the first
/// exclusion that fires sets the modality.</summary>
internal static class ExclusionRules
{
    public static readonly IReadOnlyList<ExclusionRule> InTableOrder =
    [
        new(RuleIds.ExAcuteRisk, Exclusion.AcuteRisk, Modality.CrisisServices, Urgency.Emergency, c => AnyOf(
            c.Scores.Cssrs?.Risk == CssrsRisk.High ? CssrsText.Risk(c.Form.Instruments.Cssrs!, CssrsRisk.High) : null,
            When(c.Clinician.CurrentCrisis, "Clinician reports a current crisis"))),

        new(RuleIds.ExUnderAge, Exclusion.UnderAge, Modality.ChildAndFamilyServices, Urgency.Routine, c =>
            When(c.AgeYears < c.Policy.Age.MinimumYears, $"Client is younger than {c.Policy.Age.MinimumYears}, the minimum age for this service")),

        new(RuleIds.ExPsychosis, Exclusion.Psychosis, Modality.PsychiatricCare, Urgency.Urgent, c => AnyOf(
            c.Scores.Pqb is { Positive: true } pqb
                ? $"PQ-B distress {pqb.Distress} is at or above {c.Policy.Pqb.PositiveDistressAtLeast}"
                : null,
            When(c.Clinician.PsychoticSymptoms, "Clinician reports psychotic symptoms"))),

        new(RuleIds.ExMania, Exclusion.Mania, Modality.PsychiatricCare, Urgency.Urgent, c =>
            When(c.Clinician.CurrentMania, "Clinician reports current mania")),

        new(RuleIds.ExSeverePd, Exclusion.SeverePersonalityDisorder, Modality.PersonalityDisorderService, Urgency.Routine, c => AnyOf(
            c.Scores.MsiBpd is { Positive: true } msiBpd
                ? $"MSI-BPD total {msiBpd.Total} is at or above {c.Policy.MsiBpd.PositiveTotalAtLeast}"
                : null,
            When(c.Clinician.PersonalityDisorder is PersonalityDisorder.Borderline or PersonalityDisorder.Narcissistic
                    or PersonalityDisorder.Avoidant or PersonalityDisorder.Antisocial,
                $"Clinician reports {WireCode.Of(c.Clinician.PersonalityDisorder)} personality disorder"))),

        new(RuleIds.ExTrauma, Exclusion.TraumaSymptoms, Modality.TraumaFocusedTherapy, Urgency.Routine, c => AnyOf(
            c.Scores.PcPtsd5 is { Positive: true } pcPtsd5
                ? $"PC-PTSD-5 total {pcPtsd5.Total} after trauma exposure is at or above {c.Policy.PcPtsd5.PositiveTotalAtLeast}"
                : null,
            When(c.Clinician.TraumaFlashbacks, "Clinician reports active trauma flashbacks"))),

        new(RuleIds.ExAnorexia, Exclusion.Anorexia, Modality.EatingDisorderService, Urgency.Urgent, c =>
            When(c.Presentation.EatingDisorder == EatingDisorder.Anorexia, "Presentation includes anorexia")),
    ];
}
