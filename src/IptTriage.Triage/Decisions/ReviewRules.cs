using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Decisions;

/// <summary><c>docs/triage-policy.md</c> section 4: a coordinator must decide before anything goes to a clinic.</summary>
internal static class ReviewRules
{
    public static readonly IReadOnlyList<FlagRule> InTableOrder =
    [
        new(RuleIds.RvRisk, Flag.RiskAssessmentNeeded, c => AnyOf(
                c.Scores.Cssrs?.Risk == CssrsRisk.Moderate ? CssrsText.Risk(c.Form.Instruments.Cssrs!, CssrsRisk.Moderate) : null,
                When(c.Item9ReportsIdeation && c.Form.Instruments.Cssrs is null,
                    $"PHQ-9 item 9 is {c.Scores.Phq9.Item9} (at or above {c.Policy.Phq9.IdeationItem9AtLeast}) and no C-SSRS was given")),
            UrgencyAtLeast: Urgency.Urgent),
        // RT-CBT routes to an alternative pathway, so this IPT-only rule cannot fire beside it.
        new(RuleIds.RvNoFocus, Flag.NoInterpersonalFocus, c =>
                When(!c.HasProblemAreas, "No interpersonal problem area was identified"),
            IptPathwaysOnly: true),
        new(RuleIds.RvSubthreshold, Flag.SubthresholdSymptoms, c =>
                When(c.Scores.Phq9.Total < c.Policy.Phq9.SubthresholdBelow,
                    $"PHQ-9 total {c.Scores.Phq9.Total} is below {c.Policy.Phq9.SubthresholdBelow}"),
            IptPathwaysOnly: true),
        new(RuleIds.RvPdOther, Flag.PersonalityDisorderOther, c =>
            When(c.Clinician.PersonalityDisorder == PersonalityDisorder.Other,
                "Clinician reports a personality disorder other than borderline, narcissistic, avoidant or antisocial")),
        new(RuleIds.RvNoConsent, Flag.NoShareConsent, c =>
            When(!c.Form.Client.Consent.ShareWithClinic, "Client has not consented to the referral being shared with a clinic")),
    ];

    private static readonly IReadOnlyList<FlagRule> OffIptPathways = [.. InTableOrder.Where(rule => !rule.IptPathwaysOnly)];

    public static Fired<FlagRule>[] Evaluate(TriageContext context, Pathway pathway) =>
        (pathway == Pathway.Alternative ? OffIptPathways : InTableOrder).Fire(context);
}
