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

/// <summary>A rule that fired, and its reason.</summary>
internal readonly record struct Fired<TRule>(TRule Rule, Reason Reason) where TRule : ITriageRule;
