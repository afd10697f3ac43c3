using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Triage.Scoring;

/// <summary>Scores each instrument as <c>docs/triage-policy.md</c> section 1 defines, with the policy's cut-offs.
/// Inputs are validated forms: arrays have the contract's lengths and items are in range.</summary>
internal static class InstrumentScoring
{
    public static Scores ScoreAll(Instruments instruments, Sex sex, TriagePolicy policy) => new(
        Phq9(instruments.Phq9, policy.Phq9),
        instruments.Gad7 is { } gad7 ? Gad7(gad7, policy.Gad7) : null,
        instruments.Cssrs is { } cssrs ? Cssrs(cssrs) : null,
        instruments.Pqb is { } pqb ? Pqb(pqb, policy.Pqb) : null,
        instruments.Mdq is { } mdq ? Mdq(mdq, policy.Mdq) : null,
        instruments.MsiBpd is { } msiBpd ? MsiBpd(msiBpd, policy.MsiBpd) : null,
        instruments.PcPtsd5 is { } pcPtsd5 ? PcPtsd5(pcPtsd5, policy.PcPtsd5) : null,
        instruments.AuditC is { } auditC ? AuditC(auditC, sex, policy.AuditC) : null);

    public static Phq9Score Phq9(IReadOnlyList<int> items, Phq9Thresholds thresholds)
    {
        var total = items.Sum();
        return new(total, thresholds.SeverityBands.Classify(total), items[8]);
    }

    public static Gad7Score Gad7(IReadOnlyList<int> items, Gad7Thresholds thresholds)
    {
        var total = items.Sum();
        return new(total, thresholds.SeverityBands.Classify(total));
    }

    /// <summary>The Columbia triage: intent, plan or recent behaviour is high risk. Every "yes" counts, whatever the
    /// paper form's skip logic says.</summary>
    public static CssrsScore Cssrs(Cssrs answers) => new(
        answers.Intent || answers.PlanWithIntent || answers.BehaviorPast3Months ? CssrsRisk.High
        : answers.ThoughtsWithMethod || answers.BehaviorEver ? CssrsRisk.Moderate
        : answers.WishDead || answers.SuicidalThoughts ? CssrsRisk.Low
        : CssrsRisk.None);

    public static PqbScore Pqb(IReadOnlyList<int> items, PqbThresholds thresholds)
    {
        var distress = items.Sum();
        return new(items.Count(item => item > 0), distress, distress >= thresholds.PositiveDistressAtLeast);
    }

    public static MdqScore Mdq(Mdq answers, MdqThresholds thresholds) => new(
        CountYes(answers.Symptoms) >= thresholds.PositiveSymptomsAtLeast
        && answers.SameTimePeriod
        && answers.Impairment >= thresholds.PositiveImpairmentAtLeast);

    public static MsiBpdScore MsiBpd(IReadOnlyList<bool> items, MsiBpdThresholds thresholds)
    {
        var total = CountYes(items);
        return new(total, total >= thresholds.PositiveTotalAtLeast);
    }

    /// <summary>Without trauma exposure the symptom items are not scored: the total is 0.</summary>
    public static PcPtsd5Score PcPtsd5(PcPtsd5 answers, PcPtsd5Thresholds thresholds)
    {
        var total = answers.TraumaExposure ? CountYes(answers.Items) : 0;
        return new(total, answers.TraumaExposure && total >= thresholds.PositiveTotalAtLeast);
    }

    public static AuditCScore AuditC(IReadOnlyList<int> items, Sex sex, AuditCThresholds thresholds)
    {
        var total = items.Sum();
        return new(total, total >= thresholds.PositiveTotalAtLeast(sex));
    }

    internal static int CountYes(IReadOnlyList<bool> items) => items.Count(yes => yes);
}
