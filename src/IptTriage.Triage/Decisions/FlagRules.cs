using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Decisions;

/// <summary><c>docs/triage-policy.md</c> section 5: flags that inform but do not route; they fire whatever the
/// pathway, exclusions and outcome.</summary>
internal static class FlagRules
{
    public static readonly IReadOnlyList<FlagRule> InTableOrder =
    [
        new(RuleIds.FlIdeation, Flag.SuicidalIdeationReported, c => AnyOf(
            When(c.Item9ReportsIdeation, $"PHQ-9 item 9 is {c.Scores.Phq9.Item9} (at or above {c.Policy.Phq9.IdeationItem9AtLeast})"),
            c.Scores.Cssrs is { Risk: not CssrsRisk.None } cssrs ? CssrsText.Risk(c.Form.Instruments.Cssrs!, cssrs.Risk) : null)),
        new(RuleIds.FlAlcohol, Flag.HazardousAlcoholUse, c =>
            c.Scores.AuditC is { Positive: true } auditC
                ? $"AUDIT-C total {auditC.Total} is at or above {c.Policy.AuditC.PositiveTotalAtLeast(c.Form.Client.Sex)}"
                : null),
        new(RuleIds.FlAnxiety, Flag.AnxietyModerateOrWorse, c =>
            c.Scores.Gad7 is { } gad7 && gad7.Total >= c.Policy.Gad7.AnxietyFlagAtLeast
                ? $"GAD-7 total {gad7.Total} is at or above {c.Policy.Gad7.AnxietyFlagAtLeast}"
                : null),
        new(RuleIds.FlIsolation, Flag.EngagementRisk, c =>
            When(c.Clinician.SevereSocialIsolation, "Clinician reports severe social isolation")),
        new(RuleIds.FlCognitive, Flag.ConsiderCbtElements, c =>
            When(c.Clinician.PredominantCognitiveDistortions && c.HasProblemAreas,
                "Clinician reports predominant cognitive distortions beside an interpersonal focus")),
        new(RuleIds.FlPhone, Flag.ContactByPhone, c =>
            AnyOf(When(c.Form.Client.Email is null, "No client email address"),
                    When(!c.Form.Client.Consent.ContactByEmail, "Client has not consented to contact by email"))
                is { } why ? $"{why}: no email is sent to the client; a coordinator phones" : null),
    ];
}
