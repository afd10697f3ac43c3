using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Decisions;

internal static class CssrsText
{
    /// <summary>"C-SSRS risk is high: yes to intent (Q4), plan with intent (Q5)": the risk level and the answers that
    /// set it, so a coordinator can check the rule against the form.</summary>
    public static string Risk(Cssrs answers, CssrsRisk risk)
    {
        var decisive = risk switch
        {
            CssrsRisk.High => YesTo(When(answers.Intent, "intent (Q4)"), When(answers.PlanWithIntent, "plan with intent (Q5)"),
                When(answers.BehaviorPast3Months, "suicidal behaviour in the past 3 months (Q6)")),
            CssrsRisk.Moderate => YesTo(When(answers.ThoughtsWithMethod, "thoughts with method (Q3)"),
                When(answers.BehaviorEver, "suicidal behaviour ever (Q6)")),
            CssrsRisk.Low => YesTo(When(answers.WishDead, "wish to be dead (Q1)"), When(answers.SuicidalThoughts, "suicidal thoughts (Q2)")),
            _ => null,
        };
        var level = WireCode.Of(risk);
        return decisive is null ? $"C-SSRS risk is {level}" : $"C-SSRS risk is {level}: yes to {decisive}";
    }

    private static string? YesTo(params ReadOnlySpan<string?> answeredYes) => JoinPresent(", ", answeredYes);
}
