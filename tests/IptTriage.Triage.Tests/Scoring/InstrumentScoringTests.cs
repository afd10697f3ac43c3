using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Scoring;

public sealed class InstrumentScoringTests
{
    [Theory]
    [InlineData(0, Severity.Minimal)]
    [InlineData(4, Severity.Minimal)]
    [InlineData(5, Severity.Mild)]
    [InlineData(9, Severity.Mild)]
    [InlineData(10, Severity.Moderate)]
    [InlineData(14, Severity.Moderate)]
    [InlineData(15, Severity.ModeratelySevere)]
    [InlineData(19, Severity.ModeratelySevere)]
    [InlineData(20, Severity.Severe)]
    [InlineData(27, Severity.Severe)]
    public void Phq9_severity_at_every_band_edge(int total, Severity severity)
    {
        var items = Phq9WithTotal(total);

        InstrumentScoring.Phq9(items, DefaultPolicy.Phq9).Should().Be(new Phq9Score(total, severity, items[8]));
    }

    [Fact]
    public void Phq9_item9_is_the_ninth_answer()
    {
        InstrumentScoring.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 2], DefaultPolicy.Phq9).Should().Be(new Phq9Score(2, Severity.Minimal, 2));
    }

    [Theory]
    [InlineData(0, Severity.Minimal)]
    [InlineData(4, Severity.Minimal)]
    [InlineData(5, Severity.Mild)]
    [InlineData(9, Severity.Mild)]
    [InlineData(10, Severity.Moderate)]
    [InlineData(14, Severity.Moderate)]
    [InlineData(15, Severity.Severe)]
    [InlineData(21, Severity.Severe)]
    public void Gad7_severity_at_every_band_edge(int total, Severity severity)
    {
        InstrumentScoring.Gad7(ItemsWithTotal(7, 3, total), DefaultPolicy.Gad7).Should().Be(new Gad7Score(total, severity));
    }

    public static TheoryData<Cssrs, CssrsRisk> EachCssrsAnswerAlone => new()
    {
        { NoCssrs, CssrsRisk.None },
        { NoCssrs with { WishDead = true }, CssrsRisk.Low },
        { NoCssrs with { SuicidalThoughts = true }, CssrsRisk.Low },
        { NoCssrs with { ThoughtsWithMethod = true }, CssrsRisk.Moderate },
        { NoCssrs with { Intent = true }, CssrsRisk.High },
        { NoCssrs with { PlanWithIntent = true }, CssrsRisk.High },
        { NoCssrs with { BehaviorEver = true }, CssrsRisk.Moderate },
        { NoCssrs with { BehaviorPast3Months = true }, CssrsRisk.High },
    };

    [Theory]
    [MemberData(nameof(EachCssrsAnswerAlone))]
    public void Cssrs_risk_for_each_answer_alone(Cssrs answers, CssrsRisk risk)
    {
        InstrumentScoring.Cssrs(answers).Risk.Should().Be(risk);
    }

    [Fact]
    public void Cssrs_highest_answer_sets_the_risk()
    {
        InstrumentScoring.Cssrs(new Cssrs(true, true, true, false, false, true, true)).Risk.Should().Be(CssrsRisk.High);
        InstrumentScoring.Cssrs(new Cssrs(true, true, true, false, false, true, false)).Risk.Should().Be(CssrsRisk.Moderate);
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void Pqb_positive_from_distress_6(int distress, bool positive)
    {
        var items = ItemsWithTotal(21, 5, distress);

        InstrumentScoring.Pqb(items, DefaultPolicy.Pqb).Should().Be(new PqbScore(items.Count(i => i > 0), distress, positive));
    }

    [Fact]
    public void Pqb_counts_endorsed_items_apart_from_distress()
    {
        int[] items = [1, 1, 1, 1, 1, 1, 1, .. new int[14]];

        InstrumentScoring.Pqb(items, DefaultPolicy.Pqb).Should().Be(new PqbScore(Endorsed: 7, Distress: 7, Positive: true));
    }

    public static TheoryData<Mdq, bool> MdqCases => new()
    {
        { new Mdq(Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.Moderate), true },
        { new Mdq(Yes(13, of: 13), SameTimePeriod: true, MdqImpairment.Serious), true },
        { new Mdq(Yes(6, of: 13), SameTimePeriod: true, MdqImpairment.Serious), false },
        { new Mdq(Yes(7, of: 13), SameTimePeriod: false, MdqImpairment.Serious), false },
        { new Mdq(Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.Minor), false },
        { new Mdq(Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.None), false },
    };

    [Theory]
    [MemberData(nameof(MdqCases))]
    public void Mdq_positive_needs_7_symptoms_same_period_and_moderate_impairment(Mdq answers, bool positive)
    {
        InstrumentScoring.Mdq(answers, DefaultPolicy.Mdq).Positive.Should().Be(positive);
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void MsiBpd_positive_from_7(int yes, bool positive)
    {
        InstrumentScoring.MsiBpd(Yes(yes, of: 10), DefaultPolicy.MsiBpd).Should().Be(new MsiBpdScore(yes, positive));
    }

    [Theory]
    [InlineData(true, 2, 2, false)]
    [InlineData(true, 3, 3, true)]
    [InlineData(false, 3, 0, false)]
    [InlineData(false, 5, 0, false)]
    public void PcPtsd5_scores_items_only_after_trauma_exposure(bool exposure, int yes, int total, bool positive)
    {
        InstrumentScoring.PcPtsd5(new PcPtsd5(exposure, Yes(yes, of: 5)), DefaultPolicy.PcPtsd5).Should().Be(new PcPtsd5Score(total, positive));
    }

    [Theory]
    [InlineData(Sex.Male, 3, false)]
    [InlineData(Sex.Male, 4, true)]
    [InlineData(Sex.Female, 2, false)]
    [InlineData(Sex.Female, 3, true)]
    [InlineData(Sex.Other, 2, false)]
    [InlineData(Sex.Other, 3, true)]
    [InlineData(Sex.Undisclosed, 2, false)]
    [InlineData(Sex.Undisclosed, 3, true)]
    public void AuditC_cut_off_is_4_for_male_and_3_otherwise(Sex sex, int total, bool positive)
    {
        InstrumentScoring.AuditC(ItemsWithTotal(3, 4, total), sex, DefaultPolicy.AuditC).Should().Be(new AuditCScore(total, positive));
    }

    [Fact]
    public void Absent_instruments_have_no_score_and_phq9_is_always_scored()
    {
        var scores = InstrumentScoring.ScoreAll(Baseline.Instruments, Sex.Female, DefaultPolicy);

        scores.Should().Be(new Scores(new Phq9Score(12, Severity.Moderate, 0), null, null, null, null, null, null, null));
    }
}
