using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using IptTriage.Triage.WhatIf;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.WhatIf;

/// <summary>Each rule a policy setting governs starts firing under a candidate that changes that one setting, and
/// stops when the two are swapped; the what-if names it as the difference.</summary>
public sealed class RuleShiftTests
{
    private static readonly TriagePolicy Default = DefaultPolicy;

    /// <summary>Rules no setting reaches: they read clinician observations, consent, contact details or the
    /// presentation only, and fire whatever the pathway, so no candidate can start or stop them.</summary>
    private static readonly string[] Fixed =
    [
        "EX-ACUTE-RISK", "EX-MANIA", "EX-ANOREXIA", "RV-PD-OTHER", "RV-NO-CONSENT", "FL-ISOLATION", "FL-COGNITIVE", "FL-PHONE",
    ];

    /// <summary>Section 3 and the IPT-only review rules apply only when nothing excludes; trauma at 3 of 5 is excluded
    /// under the default cut-off (3) and not under 4, so these start with the exclusion's cut-off.</summary>
    private static readonly IntakeForm TraumaAtThree = Baseline.WithInstruments(i => i with { PcPtsd5 = new PcPtsd5(true, Yes(3, of: 5)) });

    private static readonly TriagePolicy TraumaFromFour = Default with { PcPtsd5 = new PcPtsd5Thresholds(4) };

    public static TheoryData<string, IntakeForm, TriagePolicy> Shifts() => new()
    {
        { "EX-UNDER-AGE", Baseline.AgedOnBirthday(14), Default with { Age = Default.Age with { MinimumYears = 15 } } },
        { "EX-PSYCHOSIS", Baseline.WithInstruments(i => i with { Pqb = ItemsWithTotal(21, 5, 5) }), Default with { Pqb = new PqbThresholds(5) } },
        { "EX-SEVERE-PD", Baseline.WithInstruments(i => i with { MsiBpd = Yes(6, of: 10) }), Default with { MsiBpd = new MsiBpdThresholds(6) } },
        { "EX-TRAUMA", TraumaAtThree, TraumaFromFour },
        { "RT-CBT", TraumaAtThree.WithPresentation(p => p with { ProblemAreas = [] }).WithClinician(c => c with { PredominantCognitiveDistortions = true }), TraumaFromFour },
        { "RT-MEDICATION", Baseline.WithPhq9(19), Default with { Phq9 = Default.Phq9 with { SevereDepressionAtLeast = 19 } } },
        { "RT-IPT", Baseline.WithPhq9(19), Default with { Phq9 = Default.Phq9 with { SevereDepressionAtLeast = 19 } } },
        { "MED-SEVERE", Baseline.WithPhq9(19), Default with { Phq9 = Default.Phq9 with { SevereDepressionAtLeast = 19 } } },
        { "MED-CHRONIC", Baseline.WithPresentation(p => p with { EpisodeDurationMonths = 20 }), Default with { Course = Default.Course with { ChronicEpisodeMonthsAtLeast = 20 } } },
        { "MED-RECURRENT", Baseline.WithPresentation(p => p with { PreviousEpisodes = 1 }), Default with { Course = Default.Course with { RecurrentPreviousEpisodesAtLeast = 1 } } },
        { "MED-RESISTANT", TraumaAtThree.WithClinician(c => c with { TreatmentResistant = true }), TraumaFromFour },
        { "MED-BIPOLAR", Baseline.WithInstruments(i => i with { Mdq = new Mdq(Yes(6, of: 13), SameTimePeriod: true, MdqImpairment.Moderate) }), Default with { Mdq = Default.Mdq with { PositiveSymptomsAtLeast = 6 } } },
        { "MED-PREFERENCE", TraumaAtThree.WithPresentation(p => p with { TreatmentPreference = TreatmentPreference.Combined }), TraumaFromFour },
        { "RV-RISK", Baseline.WithPhq9(12, item9: 1), Default with { Phq9 = Default.Phq9 with { IdeationItem9AtLeast = 2 } } },
        { "RV-NO-FOCUS", TraumaAtThree.WithPresentation(p => p with { ProblemAreas = [] }), TraumaFromFour },
        { "RV-SUBTHRESHOLD", Baseline.WithPhq9(5), Default with { Phq9 = Default.Phq9 with { SubthresholdBelow = 6 } } },
        { "FL-IDEATION", Baseline.WithPhq9(12, item9: 1), Default with { Phq9 = Default.Phq9 with { IdeationItem9AtLeast = 2 } } },
        { "FL-ALCOHOL", Baseline.WithInstruments(i => i with { AuditC = ItemsWithTotal(3, 4, 3) }), Default with { AuditC = Default.AuditC with { PositiveTotalAtLeastOtherwise = 4 } } },
        { "FL-ANXIETY", Baseline.WithInstruments(i => i with { Gad7 = ItemsWithTotal(7, 3, 9) }), Default with { Gad7 = Default.Gad7 with { AnxietyFlagAtLeast = 9 } } },
    };

    [Theory]
    [MemberData(nameof(Shifts))]
    public void A_one_setting_change_starts_the_rule_and_swapping_back_stops_it(string rule, IntakeForm form, TriagePolicy candidate)
    {
        PolicyDiff.Between(Default, candidate).Should().ContainSingle("the candidate changes one setting");
        var there = DecisionChange.Between(form.Decide(Default), form.Decide(candidate));
        var back = DecisionChange.Between(form.Decide(candidate), form.Decide(Default));

        there.Should().NotBeNull();
        back.Should().NotBeNull();
        // Whichever way the setting moves the rule, one direction starts it and the other stops it.
        var (starts, stops) = there!.RulesStarted.Contains(rule) ? (there, back!) : (back!, there);
        starts.RulesStarted.Should().Contain(rule);
        starts.RulesStopped.Should().NotContain(rule);
        stops.RulesStopped.Should().Contain(rule);
        stops.RulesStarted.Should().NotContain(rule);
        stops.RulesStopped.Should().Equal(starts.RulesStarted, "swapping the policies swaps what starts and stops");
    }

    [Fact]
    public void Every_rule_is_shown_shifting_or_named_as_one_no_setting_reaches()
    {
        var shown = Shifts().Select(row => (string)row[0]);

        shown.Concat(Fixed).Should().BeEquivalentTo(RuleOrder.Ids).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void An_adaptation_gained_by_an_age_setting_is_a_change_though_no_rule_starts()
    {
        var eighteen = Baseline.AgedOnBirthday(18);
        var iptAToNineteen = Default with { Age = Default.Age with { AdolescentBelowYears = 19 } };

        var change = DecisionChange.Between(eighteen.Decide(Default), eighteen.Decide(iptAToNineteen));

        change.Should().NotBeNull();
        change!.Before.Adaptations.Should().BeEmpty();
        change.After.Adaptations.Should().Equal(Adaptation.IptA);
        change.RulesStarted.Should().BeEmpty();
        change.RulesStopped.Should().BeEmpty();
    }

    [Fact]
    public void A_cut_off_that_moves_but_not_past_the_score_changes_nothing_though_the_reason_text_does()
    {
        var severe = Baseline.WithPhq9(22);
        var from21 = Default with { Version = "from-21", Phq9 = Default.Phq9 with { SevereDepressionAtLeast = 21 } };

        severe.Decide(Default).Reasons.Should().NotEqual(severe.Decide(from21).Reasons, "the reason quotes the cut-off");
        DecisionChange.Between(severe.Decide(Default), severe.Decide(from21)).Should().BeNull();
    }
}
