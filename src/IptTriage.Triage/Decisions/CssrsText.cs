using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Decisions;

internal static class CssrsText
{
    /// <summary>"C-SSRS risk is high: yes to intent (Q4), plan with intent (Q5)": the risk level and the answers that
    /// set it, so a coordinator can check the rule against the form.</summary>
    public static string Risk(Cssrs answers, CssrsRisk risk)
    {
        var decisive = risk switch
        {
            CssrsRisk.High => Yes((answers.Intent, "intent (Q4)"), (answers.PlanWithIntent, "plan with intent (Q5)"),
                (answers.BehaviorPast3Months, "suicidal behaviour in the past 3 months (Q6)")),
            CssrsRisk.Moderate => Yes((answers.ThoughtsWithMethod, "thoughts with method (Q3)"), (answers.BehaviorEver, "suicidal behaviour ever (Q6)")),
            CssrsRisk.Low => Yes((answers.WishDead, "wish to be dead (Q1)"), (answers.SuicidalThoughts, "suicidal thoughts (Q2)")),
            _ => "",
        };
        var level = WireCode.Of(risk);
        return decisive.Length == 0 ? $"C-SSRS risk is {level}" : $"C-SSRS risk is {level}: yes to {decisive}";
    }

    private static string Yes(params ReadOnlySpan<(bool Yes, string Question)> answers)
    {
        var yes = new List<string>(answers.Length);
        foreach (var (answered, question) in answers)
        {
            if (answered) yes.Add(question);
        }
        return string.Join(", ", yes);
    }
}
