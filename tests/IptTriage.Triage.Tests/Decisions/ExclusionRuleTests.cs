using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class ExclusionRuleTests
{
    [Fact]
    public void Baseline_form_is_excluded_by_nothing()
    {
        Baseline.Decide().Summary().Should().Be("routed ipt routine | RT-IPT |");
    }

    public static TheoryData<Cssrs, string> EachCssrsAnswerAlone => new()
    {
        { NoCssrs, "routed ipt routine | RT-IPT |" },
        { NoCssrs with { WishDead = true }, "routed ipt routine | RT-IPT FL-IDEATION | suicidal-ideation-reported" },
        { NoCssrs with { SuicidalThoughts = true }, "routed ipt routine | RT-IPT FL-IDEATION | suicidal-ideation-reported" },
        { NoCssrs with { ThoughtsWithMethod = true }, "review ipt urgent | RT-IPT RV-RISK FL-IDEATION | risk-assessment-needed suicidal-ideation-reported" },
        { NoCssrs with { Intent = true }, "routed alternative/crisis-services emergency | EX-ACUTE-RISK FL-IDEATION | suicidal-ideation-reported" },
        { NoCssrs with { PlanWithIntent = true }, "routed alternative/crisis-services emergency | EX-ACUTE-RISK FL-IDEATION | suicidal-ideation-reported" },
        { NoCssrs with { BehaviorEver = true }, "review ipt urgent | RT-IPT RV-RISK FL-IDEATION | risk-assessment-needed suicidal-ideation-reported" },
        { NoCssrs with { BehaviorPast3Months = true }, "routed alternative/crisis-services emergency | EX-ACUTE-RISK FL-IDEATION | suicidal-ideation-reported" },
    };

    [Theory]
    [MemberData(nameof(EachCssrsAnswerAlone))]
    public void Each_cssrs_answer_alone(Cssrs answers, string summary)
    {
        Baseline.WithInstruments(i => i with { Cssrs = answers }).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Acute_risk_reason_names_the_answers_that_made_the_risk_high()
    {
        var decision = Baseline.WithInstruments(i => i with { Cssrs = NoCssrs with { WishDead = true, BehaviorPast3Months = true } }).Decide();

        decision.Reasons[0].Should().Be(new Reason(RuleIds.ExAcuteRisk, "C-SSRS risk is high: yes to suicidal behaviour in the past 3 months (Q6)"));
        decision.Exclusions.Should().Equal("acute-risk");
    }

    public static TheoryData<ClinicianObservations, string> EachClinicianObservationAlone => new()
    {
        { new(), "routed ipt routine | RT-IPT |" },
        { new(CurrentCrisis: true), "routed alternative/crisis-services emergency | EX-ACUTE-RISK |" },
        { new(PsychoticSymptoms: true), "routed alternative/psychiatric-care urgent | EX-PSYCHOSIS |" },
        { new(CurrentMania: true), "routed alternative/psychiatric-care urgent | EX-MANIA |" },
        { new(BipolarHistory: true), "routed ipt-with-medication routine | RT-MEDICATION MED-BIPOLAR | bipolar-spectrum" },
        { new(TraumaFlashbacks: true), "routed alternative/trauma-focused-therapy routine | EX-TRAUMA |" },
        { new(SevereSocialIsolation: true), "routed ipt routine | RT-IPT FL-ISOLATION | engagement-risk" },
        { new(PredominantCognitiveDistortions: true), "routed ipt routine | RT-IPT FL-COGNITIVE | consider-cbt-elements" },
        { new(TreatmentResistant: true), "routed ipt-with-medication routine | RT-MEDICATION MED-RESISTANT | treatment-resistant" },
    };

    [Theory]
    [MemberData(nameof(EachClinicianObservationAlone))]
    public void Each_clinician_observation_alone(ClinicianObservations clinician, string summary)
    {
        (Baseline with { Clinician = clinician }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(PersonalityDisorder.None, "routed ipt routine | RT-IPT |")]
    [InlineData(PersonalityDisorder.Borderline, "routed alternative/personality-disorder-service routine | EX-SEVERE-PD |")]
    [InlineData(PersonalityDisorder.Narcissistic, "routed alternative/personality-disorder-service routine | EX-SEVERE-PD |")]
    [InlineData(PersonalityDisorder.Avoidant, "routed alternative/personality-disorder-service routine | EX-SEVERE-PD |")]
    [InlineData(PersonalityDisorder.Antisocial, "routed alternative/personality-disorder-service routine | EX-SEVERE-PD |")]
    [InlineData(PersonalityDisorder.Other, "review ipt routine | RT-IPT RV-PD-OTHER | personality-disorder-other")]
    public void Each_personality_disorder(PersonalityDisorder disorder, string summary)
    {
        Baseline.WithClinician(c => c with { PersonalityDisorder = disorder }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(EatingDisorder.None, "routed ipt routine | RT-IPT |", new Adaptation[0])]
    [InlineData(EatingDisorder.Bulimia, "routed ipt routine | RT-IPT |", new[] { Adaptation.IptEd })]
    [InlineData(EatingDisorder.BingeEating, "routed ipt routine | RT-IPT |", new[] { Adaptation.IptEd })]
    [InlineData(EatingDisorder.Anorexia, "routed alternative/eating-disorder-service urgent | EX-ANOREXIA |", new Adaptation[0])]
    public void Each_eating_disorder(EatingDisorder disorder, string summary, Adaptation[] adaptations)
    {
        var decision = Baseline.WithPresentation(p => p with { EatingDisorder = disorder }).Decide();

        decision.Summary().Should().Be(summary);
        decision.Adaptations.Should().Equal(adaptations);
    }

    [Theory]
    [InlineData(11, "routed alternative/child-and-family-services routine | EX-UNDER-AGE |")]
    [InlineData(12, "routed ipt routine | RT-IPT |")]
    public void Under_age_below_12(int years, string summary)
    {
        Baseline.AgedOnBirthday(years).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Under_age_the_day_before_the_12th_birthday()
    {
        var form = Baseline.AgedOnBirthday(12);
        var dayBefore = form with { ReceivedAt = form.ReceivedAt.AddDays(-1) };

        dayBefore.Decide().Exclusions.Should().Equal("under-age");
        form.Decide().Exclusions.Should().BeEmpty();
    }

    [Theory]
    [InlineData(5, "routed ipt routine | RT-IPT |")]
    [InlineData(6, "routed alternative/psychiatric-care urgent | EX-PSYCHOSIS |")]
    public void Psychosis_from_pqb_distress_6(int distress, string summary)
    {
        var decision = Baseline.WithInstruments(i => i with { Pqb = ItemsWithTotal(21, 5, distress) }).Decide();

        decision.Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(6, "routed ipt routine | RT-IPT |")]
    [InlineData(7, "routed alternative/personality-disorder-service routine | EX-SEVERE-PD |")]
    public void Severe_personality_disorder_from_msi_bpd_7(int yes, string summary)
    {
        Baseline.WithInstruments(i => i with { MsiBpd = Yes(yes, of: 10) }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(true, 2, "routed ipt routine | RT-IPT |")]
    [InlineData(true, 3, "routed alternative/trauma-focused-therapy routine | EX-TRAUMA |")]
    [InlineData(false, 3, "routed ipt routine | RT-IPT |")]
    [InlineData(false, 5, "routed ipt routine | RT-IPT |")]
    public void Trauma_from_pc_ptsd_5_only_after_exposure(bool exposure, int yes, string summary)
    {
        Baseline.WithInstruments(i => i with { PcPtsd5 = new PcPtsd5(exposure, Yes(yes, of: 5)) }).Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Every_exclusion_is_listed_the_first_sets_modality_and_the_highest_urgency_wins()
    {
        // Table order: under-age (routine) before psychosis (urgent) before anorexia (urgent).
        var decision = Baseline.AgedOnBirthday(10)
            .WithClinician(c => c with { PsychoticSymptoms = true, TraumaFlashbacks = true })
            .WithPresentation(p => p with { EatingDisorder = EatingDisorder.Anorexia })
            .Decide();

        decision.Summary().Should().Be("routed alternative/child-and-family-services urgent | EX-UNDER-AGE EX-PSYCHOSIS EX-TRAUMA EX-ANOREXIA |");
        decision.Exclusions.Should().Equal("anorexia", "psychosis", "trauma-symptoms", "under-age");
    }

    [Fact]
    public void Acute_risk_first_in_table_order_sets_crisis_services_beside_every_other_exclusion()
    {
        var decision = Baseline.AgedOnBirthday(10)
            .WithClinician(c => c with
            {
                CurrentCrisis = true, PsychoticSymptoms = true, CurrentMania = true, TraumaFlashbacks = true,
                PersonalityDisorder = PersonalityDisorder.Borderline,
            })
            .WithPresentation(p => p with { EatingDisorder = EatingDisorder.Anorexia })
            .Decide();

        decision.Summary().Should().Be(
            "routed alternative/crisis-services emergency | EX-ACUTE-RISK EX-UNDER-AGE EX-PSYCHOSIS EX-MANIA EX-SEVERE-PD EX-TRAUMA EX-ANOREXIA |");
        decision.Exclusions.Should().Equal(
            "acute-risk", "anorexia", "mania", "psychosis", "severe-personality-disorder", "trauma-symptoms", "under-age");
    }

    [Fact]
    public void With_an_exclusion_no_pathway_medication_or_adaptation_rule_fires()
    {
        var decision = Baseline.WithPhq9(24)
            .WithPresentation(p => p with { EpisodeDurationMonths = 36, PreviousEpisodes = 3, Perinatal = true, TreatmentPreference = TreatmentPreference.Combined })
            .WithClinician(c => c with { CurrentMania = true, BipolarHistory = true, TreatmentResistant = true })
            .Decide();

        decision.Summary().Should().Be("routed alternative/psychiatric-care urgent | EX-MANIA |");
        decision.Adaptations.Should().BeEmpty();
    }

    [Fact]
    public void Exclusion_reasons_quote_the_score_and_the_cut_off()
    {
        var decision = Baseline
            .WithInstruments(i => i with { Pqb = ItemsWithTotal(21, 5, 9), MsiBpd = Yes(8, of: 10), PcPtsd5 = new PcPtsd5(true, Yes(4, of: 5)) })
            .WithClinician(c => c with { PsychoticSymptoms = true, PersonalityDisorder = PersonalityDisorder.Avoidant })
            .Decide();

        decision.Reasons.Should().Equal(
            new Reason(RuleIds.ExPsychosis, "PQ-B distress 9 is at or above 6; Clinician reports psychotic symptoms"),
            new Reason(RuleIds.ExSeverePd, "MSI-BPD total 8 is at or above 7; Clinician reports avoidant personality disorder"),
            new Reason(RuleIds.ExTrauma, "PC-PTSD-5 total 4 after trauma exposure is at or above 3"));
    }
}
