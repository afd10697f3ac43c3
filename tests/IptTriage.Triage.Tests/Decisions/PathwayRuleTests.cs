using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class PathwayRuleTests
{
    [Theory]
    [InlineData(19, "routed ipt routine | RT-IPT |")]
    [InlineData(20, "routed ipt-with-medication routine | RT-MEDICATION MED-SEVERE | severe-depression")]
    public void Severe_depression_from_phq9_20(int total, string summary)
    {
        Baseline.WithPhq9(total).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(23, "routed ipt routine | RT-IPT |")]
    [InlineData(24, "routed ipt-with-medication routine | RT-MEDICATION MED-CHRONIC | chronic-depression")]
    public void Chronic_from_24_months(int months, string summary)
    {
        Baseline.WithPresentation(p => p with { EpisodeDurationMonths = months }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(1, "routed ipt routine | RT-IPT |")]
    [InlineData(2, "routed ipt-with-medication routine | RT-MEDICATION MED-RECURRENT | recurrent-depression")]
    public void Recurrent_from_2_previous_episodes(int previous, string summary)
    {
        Baseline.WithPresentation(p => p with { PreviousEpisodes = previous }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(TreatmentPreference.NoPreference, "routed ipt routine | RT-IPT |")]
    [InlineData(TreatmentPreference.Therapy, "routed ipt routine | RT-IPT |")]
    [InlineData(TreatmentPreference.Combined, "routed ipt-with-medication routine | RT-MEDICATION MED-PREFERENCE | combined-preference")]
    public void Each_treatment_preference(TreatmentPreference preference, string summary)
    {
        Baseline.WithPresentation(p => p with { TreatmentPreference = preference }).Decide().Summary().Should().Be(summary);
    }

    public static TheoryData<Mdq, string> MdqCases => new()
    {
        { new Mdq(Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.Moderate), "routed ipt-with-medication routine | RT-MEDICATION MED-BIPOLAR | bipolar-spectrum" },
        { new Mdq(Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.Minor), "routed ipt routine | RT-IPT |" },
        { new Mdq(Yes(7, of: 13), SameTimePeriod: false, MdqImpairment.Serious), "routed ipt routine | RT-IPT |" },
        { new Mdq(Yes(6, of: 13), SameTimePeriod: true, MdqImpairment.Serious), "routed ipt routine | RT-IPT |" },
    };

    [Theory]
    [MemberData(nameof(MdqCases))]
    public void Bipolar_spectrum_from_a_positive_mdq(Mdq mdq, string summary)
    {
        var decision = Baseline.WithInstruments(i => i with { Mdq = mdq }).Decide();

        decision.Summary().Should().Be(summary);
        decision.Adaptations.Should().Equal(decision.Pathway == Pathway.IptWithMedication ? [Adaptation.Ipsrt] : Array.Empty<Adaptation>());
    }

    [Fact]
    public void Every_medication_indicator_in_table_order_with_reasons_quoting_the_cut_offs()
    {
        var decision = Baseline.WithPhq9(22)
            .WithPresentation(p => p with { EpisodeDurationMonths = 30, PreviousEpisodes = 3, TreatmentPreference = TreatmentPreference.Combined })
            .WithInstruments(i => i with { Mdq = new Mdq(Yes(8, of: 13), true, MdqImpairment.Serious) })
            .WithClinician(c => c with { TreatmentResistant = true, BipolarHistory = true })
            .Decide();

        decision.Reasons.Should().Equal(
            new Reason(RuleIds.RtMedication,
                "Medication indicators fired (MED-SEVERE, MED-CHRONIC, MED-RECURRENT, MED-RESISTANT, MED-BIPOLAR, MED-PREFERENCE): IPT with medication"),
            new Reason(RuleIds.MedSevere, "PHQ-9 total 22 is at or above 20"),
            new Reason(RuleIds.MedChronic, "Episode duration 30 months is at or above 24 months"),
            new Reason(RuleIds.MedRecurrent, "Previous episodes 3 is at or above 2"),
            new Reason(RuleIds.MedResistant, "Clinician reports treatment-resistant depression"),
            new Reason(RuleIds.MedBipolar,
                "MDQ is positive: 8 of 13 symptoms, in the same period, with serious problems; Clinician reports a history of bipolar disorder"),
            new Reason(RuleIds.MedPreference, "Client prefers therapy combined with medication"));
        decision.Flags.Should().Equal("bipolar-spectrum", "chronic-depression", "combined-preference", "recurrent-depression",
            "severe-depression", "treatment-resistant");
    }

    [Fact]
    public void Cbt_when_no_problem_area_and_predominant_cognitive_distortions_and_no_medication_rule_is_evaluated()
    {
        var decision = Baseline.WithPhq9(24)
            .WithPresentation(p => p with { ProblemAreas = [], PreviousEpisodes = 4, Perinatal = true })
            .WithClinician(c => c with { PredominantCognitiveDistortions = true, BipolarHistory = true })
            .Decide();

        decision.Summary().Should().Be("routed alternative/cbt routine | RT-CBT | no-interpersonal-focus");
        decision.Adaptations.Should().BeEmpty();
    }

    [Fact]
    public void Cognitive_distortions_with_a_problem_area_stay_on_ipt_with_a_flag()
    {
        Baseline.WithClinician(c => c with { PredominantCognitiveDistortions = true }).Decide().Summary()
            .Should().Be("routed ipt routine | RT-IPT FL-COGNITIVE | consider-cbt-elements");
    }

    [Fact]
    public void No_problem_area_without_cognitive_distortions_is_ipt_for_review()
    {
        Baseline.WithPresentation(p => p with { ProblemAreas = [] }).Decide().Summary()
            .Should().Be("review ipt routine | RT-IPT RV-NO-FOCUS | no-interpersonal-focus");
    }
}
