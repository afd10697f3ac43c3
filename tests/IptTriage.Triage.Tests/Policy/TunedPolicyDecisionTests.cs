using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Policy;

public sealed class TunedPolicyDecisionTests
{
    private static readonly TriagePolicy Tuned = TunedPolicy.Load();

    [Theory]
    [InlineData(17, "routed ipt routine | RT-IPT |")]
    [InlineData(18, "routed ipt-with-medication routine | RT-MEDICATION MED-SEVERE | severe-depression")]
    public void Tuned_severe_depression_cut_off_changes_the_pathway_at_18(int total, string summary)
    {
        Baseline.WithPhq9(total).Decide(Tuned).Summary().Should().Be(summary);
    }

    [Fact]
    public void The_decision_records_the_tuned_version_and_quotes_the_tuned_cut_off()
    {
        var form = Baseline.WithPhq9(18);

        form.Decide().Summary().Should().Be("routed ipt routine | RT-IPT |");
        var decision = form.Decide(Tuned);
        decision.PolicyVersion.Should().Be("north-clinic-2.1");
        decision.Reasons.Should().Contain(new Reason(RuleIds.MedSevere, "PHQ-9 total 18 is at or above 18"));
    }

    [Fact]
    public void Tuned_chronic_episode_from_18_months()
    {
        var form = Baseline.WithPresentation(p => p with { EpisodeDurationMonths = 18 });

        form.Decide().Pathway.Should().Be(Pathway.Ipt);
        form.Decide(Tuned).Summary().Should().Be("routed ipt-with-medication routine | RT-MEDICATION MED-CHRONIC | chronic-depression");
    }

    [Fact]
    public void Tuned_pc_ptsd_5_cut_off_of_4_no_longer_excludes_at_3()
    {
        var form = Baseline.WithInstruments(i => i with { PcPtsd5 = new PcPtsd5(true, Yes(3, of: 5)) });

        form.Decide().Exclusions.Should().Equal("trauma-symptoms");
        form.Decide(Tuned).Summary().Should().Be("routed ipt routine | RT-IPT |");
        form.Decide(Tuned).Scores!.PcPtsd5.Should().Be(new PcPtsd5Score(3, false));
    }

    [Theory]
    [InlineData(Sex.Male, 4, 5)]
    [InlineData(Sex.Female, 3, 4)]
    [InlineData(Sex.Undisclosed, 3, 4)]
    public void Tuned_audit_c_cut_offs(Sex sex, int defaultCutOff, int tunedCutOff)
    {
        var form = Baseline.WithClient(c => c with { Sex = sex });
        bool Flagged(int total, TriagePolicy policy) =>
            form.WithInstruments(i => i with { AuditC = ItemsWithTotal(3, 4, total) }).Decide(policy).Flags.Contains("hazardous-alcohol-use");

        Flagged(defaultCutOff, DefaultPolicy).Should().BeTrue();
        Flagged(defaultCutOff, Tuned).Should().BeFalse();
        Flagged(tunedCutOff, Tuned).Should().BeTrue();
    }

    [Fact]
    public void Tuned_adolescent_age_keeps_ipt_a_on_the_18th_birthday()
    {
        var form = Baseline.AgedOnBirthday(18);

        form.Decide().Adaptations.Should().BeEmpty();
        form.Decide(Tuned).Adaptations.Should().Equal(Adaptation.IptA);
        Baseline.AgedOnBirthday(19).Decide(Tuned).Adaptations.Should().BeEmpty();
    }

    [Fact]
    public void A_policy_tuned_in_code_is_applied_the_same_way()
    {
        var lateLifeFrom60 = DefaultPolicy with { Version = "test-60", Age = DefaultPolicy.Age with { LateLifeFromYears = 60 } };

        Baseline.AgedOnBirthday(60).Decide(lateLifeFrom60).Adaptations.Should().Equal(Adaptation.IptLateLife);
        Baseline.AgedOnBirthday(60).Decide().Adaptations.Should().BeEmpty();
    }
}
