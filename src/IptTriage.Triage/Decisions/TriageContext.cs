using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Decisions;

/// <summary>What every rule reads: the form, the policy, and the scores and age computed once from them.</summary>
internal sealed record TriageContext(IntakeForm Form, TriagePolicy Policy, Scores Scores, int AgeYears)
{
    public static TriageContext Of(IntakeForm form, TriagePolicy policy) => new(
        form,
        policy,
        InstrumentScoring.ScoreAll(form.Instruments, form.Client.Sex, policy),
        Age.YearsOn(form.Client.DateOfBirth, form.ReceivedOn));

    public ClinicianObservations Clinician => Form.Clinician;

    public Presentation Presentation => Form.Presentation;

    public bool HasProblemAreas => Form.Presentation.ProblemAreas.Count > 0;

    public bool Item9ReportsIdeation => Scores.Phq9.Item9 >= Policy.Phq9.IdeationItem9AtLeast;
}

/// <summary>A rule of the triage policy: its id, and a function giving the reason text when it fires (null when not).</summary>
internal interface ITriageRule
{
    string Id { get; }

    Func<TriageContext, string?> Explain { get; }
}

internal sealed record Fired<TRule>(TRule Rule, string Text) where TRule : ITriageRule
{
    public Reason Reason => new(Rule.Id, Text);
}

internal static class Rules
{
    /// <summary>The rules that fire, in table order.</summary>
    public static IReadOnlyList<Fired<TRule>> Fire<TRule>(this IEnumerable<TRule> rules, TriageContext context) where TRule : ITriageRule =>
        [.. rules.Select(rule => rule.Explain(context) is { } text ? new Fired<TRule>(rule, text) : null).OfType<Fired<TRule>>()];

    /// <summary>A reason from the conditions that hold, or null (the rule does not fire) when none holds.</summary>
    public static string? AnyOf(params ReadOnlySpan<string?> conditions)
    {
        var holding = new List<string>(conditions.Length);
        foreach (var condition in conditions)
        {
            if (condition is not null) holding.Add(condition);
        }
        return holding.Count == 0 ? null : string.Join("; ", holding);
    }

    public static string? When(bool condition, string text) => condition ? text : null;
}
