using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class ReviewRuleTests
{
    [Theory]
    [InlineData(0, "routed ipt routine | RT-IPT |")]
    [InlineData(1, "review ipt urgent | RT-IPT RV-RISK FL-IDEATION | risk-assessment-needed suicidal-ideation-reported")]
    public void Risk_assessment_when_item9_reports_ideation_and_there_is_no_cssrs(int item9, string summary)
    {
        Baseline.WithPhq9(12, item9).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void No_risk_review_for_item9_when_a_cssrs_was_given()
    {
        Baseline.WithPhq9(12, item9: 2).WithInstruments(i => i with { Cssrs = NoCssrs }).Decide().Summary()
            .Should().Be("routed ipt routine | RT-IPT FL-IDEATION | suicidal-ideation-reported");
    }

    [Fact]
    public void Risk_reason_names_the_moderate_answers()
    {
        var decision = Baseline.WithInstruments(i => i with { Cssrs = NoCssrs with { WishDead = true, ThoughtsWithMethod = true, BehaviorEver = true } })
            .Decide();

        decision.Reasons.Should().ContainInOrder(
            new Reason(RuleIds.RvRisk, "C-SSRS risk is moderate: yes to thoughts with method (Q3), suicidal behaviour ever (Q6)"),
            new Reason(RuleIds.FlIdeation, "C-SSRS risk is moderate: yes to thoughts with method (Q3), suicidal behaviour ever (Q6)"));
    }

    [Theory]
    [InlineData(4, "review ipt routine | RT-IPT RV-SUBTHRESHOLD | subthreshold-symptoms")]
    [InlineData(5, "routed ipt routine | RT-IPT |")]
    public void Subthreshold_below_phq9_5(int total, string summary)
    {
        Baseline.WithPhq9(total).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Ipt_only_review_rules_do_not_fire_at_all_on_an_alternative_pathway()
    {
        var excluded = Baseline.WithPhq9(2).WithPresentation(p => p with { ProblemAreas = [] })
            .WithClinician(c => c with { CurrentMania = true }).Decide();
        var cbt = Baseline.WithPhq9(2).WithPresentation(p => p with { ProblemAreas = [] })
            .WithClinician(c => c with { PredominantCognitiveDistortions = true }).Decide();

        excluded.Summary().Should().Be("routed alternative/psychiatric-care urgent | EX-MANIA |");
        cbt.Summary().Should().Be("routed alternative/cbt routine | RT-CBT | no-interpersonal-focus");
    }

    [Fact]
    public void Ipt_only_review_rules_fire_on_ipt_with_medication()
    {
        Baseline.WithPhq9(3).WithPresentation(p => p with { ProblemAreas = [], PreviousEpisodes = 2 }).Decide().Summary().Should().Be(
            "review ipt-with-medication routine | RT-MEDICATION MED-RECURRENT RV-NO-FOCUS RV-SUBTHRESHOLD | no-interpersonal-focus recurrent-depression subthreshold-symptoms");
    }

    [Fact]
    public void Every_pathway_review_rules_fire_beside_an_exclusion_and_raise_urgency()
    {
        var decision = Baseline.AgedOnBirthday(10).WithPhq9(12, item9: 1).WithConsent(shareWithClinic: false)
            .WithClinician(c => c with { PersonalityDisorder = PersonalityDisorder.Other })
            .Decide();

        decision.Summary().Should().Be("review alternative/child-and-family-services urgent"
            + " | EX-UNDER-AGE RV-RISK RV-PD-OTHER RV-NO-CONSENT FL-IDEATION"
            + " | no-share-consent personality-disorder-other risk-assessment-needed suicidal-ideation-reported");
    }

    [Theory]
    [InlineData(true, "routed ipt routine | RT-IPT |")]
    [InlineData(false, "review ipt routine | RT-IPT RV-NO-CONSENT | no-share-consent")]
    public void Review_without_consent_to_share_with_a_clinic(bool shareWithClinic, string summary)
    {
        Baseline.WithConsent(shareWithClinic: shareWithClinic).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Acute_risk_is_never_held_for_review_but_review_rules_still_list_flags_and_reasons()
    {
        var decision = Baseline.WithPhq9(12, item9: 2).WithConsent(shareWithClinic: false)
            .WithInstruments(i => i with { Cssrs = NoCssrs with { BehaviorEver = true } })
            .WithClinician(c => c with { CurrentCrisis = true, PersonalityDisorder = PersonalityDisorder.Other })
            .Decide();

        decision.Summary().Should().Be("routed alternative/crisis-services emergency"
            + " | EX-ACUTE-RISK RV-RISK RV-PD-OTHER RV-NO-CONSENT FL-IDEATION"
            + " | no-share-consent personality-disorder-other risk-assessment-needed suicidal-ideation-reported");
    }
}
