using FsCheck;
using FsCheck.Fluent;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using Outcome = IptTriage.Triage.Decisions.Outcome;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class DecisionPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>Section 2's urgencies, copied from the specification rather than read from the implementation.</summary>
    private static readonly Dictionary<string, Urgency> ExclusionUrgency = new()
    {
        ["acute-risk"] = Urgency.Emergency,
        ["under-age"] = Urgency.Routine,
        ["psychosis"] = Urgency.Urgent,
        ["mania"] = Urgency.Urgent,
        ["severe-personality-disorder"] = Urgency.Routine,
        ["trauma-symptoms"] = Urgency.Routine,
        ["anorexia"] = Urgency.Urgent,
    };

    private static readonly string[] ReasonPrefixOrder = ["EX-", "RT-", "MED-", "RV-", "FL-"];

    private static void ForAllForms(Func<IntakeForm, TriageDecision, bool> property) =>
        Check.One(Config, Prop.ForAll(IntakeFormGen.Arbitrary, form => property(form, form.Decide())));

    [Fact]
    public void An_emergency_is_never_held_for_review() =>
        ForAllForms((_, d) => !d.Exclusions.Contains("acute-risk") || (d.Outcome == Outcome.Routed && d.Urgency == Urgency.Emergency));

    [Fact]
    public void Alternative_always_has_a_modality_and_ipt_pathways_never_do() =>
        ForAllForms((_, d) => (d.Pathway == Pathway.Alternative) == (d.Modality is not null));

    [Fact]
    public void Adaptations_only_on_ipt_pathways() =>
        ForAllForms((_, d) => d.Adaptations.Count == 0 || d.Pathway is Pathway.Ipt or Pathway.IptWithMedication);

    [Fact]
    public void The_same_form_and_policy_always_give_the_same_decision() =>
        ForAllForms((form, d) => DecisionJson.ToJson(d) == DecisionJson.ToJson((form with { }).Decide(PolicyFileCopy())));

    [Fact]
    public void Code_arrays_are_sorted_ordinal_and_distinct() =>
        ForAllForms((_, d) =>
            IsSortedDistinct(d.Exclusions) && IsSortedDistinct(d.Flags) && IsSortedDistinct([.. d.Adaptations.Select(WireCode.Of)]));

    [Fact]
    public void Urgency_is_at_least_that_of_every_exclusion_and_urgent_with_a_risk_review() =>
        ForAllForms((_, d) =>
            d.Exclusions.All(e => d.Urgency >= ExclusionUrgency[e])
            && (!d.Reasons.Any(r => r.Rule == RuleIds.RvRisk) || d.Urgency >= Urgency.Urgent));

    [Fact]
    public void Urgency_is_routine_unless_an_exclusion_or_risk_review_raised_it() =>
        ForAllForms((_, d) =>
            d.Urgency == new[] { Urgency.Routine }
                .Concat(d.Exclusions.Select(e => ExclusionUrgency[e]))
                .Concat(d.Reasons.Where(r => r.Rule == RuleIds.RvRisk).Select(_ => Urgency.Urgent))
                .Max());

    [Fact]
    public void Outcome_is_review_exactly_when_a_review_rule_fired_and_acute_risk_did_not() =>
        ForAllForms((_, d) =>
            (d.Outcome == Outcome.Review) == (d.Reasons.Any(r => r.Rule.StartsWith("RV-", StringComparison.Ordinal)) && !d.Exclusions.Contains("acute-risk"))
            && d.Outcome != Outcome.Invalid);

    [Fact]
    public void With_an_exclusion_no_pathway_or_medication_rule_fires() =>
        ForAllForms((_, d) =>
            d.Exclusions.Count == 0
            || (d.Pathway == Pathway.Alternative && !d.Reasons.Any(r => r.Rule.StartsWith("RT-", StringComparison.Ordinal) || r.Rule.StartsWith("MED-", StringComparison.Ordinal))));

    [Fact]
    public void Exactly_one_pathway_rule_fires_when_nothing_excludes() =>
        ForAllForms((_, d) => d.Exclusions.Count > 0 || d.Reasons.Count(r => r.Rule.StartsWith("RT-", StringComparison.Ordinal)) == 1);

    [Fact]
    public void Reasons_are_in_evaluation_order_and_each_rule_fires_once() =>
        ForAllForms((_, d) =>
        {
            var groups = d.Reasons.Select(r => Array.FindIndex(ReasonPrefixOrder, p => r.Rule.StartsWith(p, StringComparison.Ordinal))).ToArray();
            return groups.All(g => g >= 0) && groups.SequenceEqual(groups.Order()) && d.Reasons.Select(r => r.Rule).Distinct().Count() == d.Reasons.Count;
        });

    [Fact]
    public void Every_exclusion_has_a_reason_and_scores_match_the_instruments_present() =>
        ForAllForms((form, d) =>
            d.Exclusions.Count == d.Reasons.Count(r => r.Rule.StartsWith("EX-", StringComparison.Ordinal))
            && d.Scores is { } s
            && (s.Gad7 is null) == (form.Instruments.Gad7 is null) && (s.Cssrs is null) == (form.Instruments.Cssrs is null)
            && (s.Pqb is null) == (form.Instruments.Pqb is null) && (s.Mdq is null) == (form.Instruments.Mdq is null)
            && (s.MsiBpd is null) == (form.Instruments.MsiBpd is null) && (s.PcPtsd5 is null) == (form.Instruments.PcPtsd5 is null)
            && (s.AuditC is null) == (form.Instruments.AuditC is null)
            && d.ProblemAreas.SequenceEqual(form.Presentation.ProblemAreas));

    /// <summary>Checks the generator, not the policy: with a fixed seed, so it cannot pass or fail by chance.</summary>
    [Fact]
    public void The_generator_reaches_every_outcome_pathway_exclusion_and_adaptation()
    {
        var decisions = Gen.Sample(IntakeFormGen.Arbitrary.Generator, 3000, new Rnd(20261102UL, 0x9E3779B97F4A7C15UL), 50)
            .Select(form => form.Decide()).ToArray();

        decisions.Select(d => d.Outcome).Distinct().Should().BeEquivalentTo([Outcome.Routed, Outcome.Review]);
        decisions.Select(d => d.Pathway).Distinct().Should().BeEquivalentTo(new Pathway?[] { Pathway.Ipt, Pathway.IptWithMedication, Pathway.Alternative });
        decisions.SelectMany(d => d.Exclusions).Distinct().Should().BeEquivalentTo(ExclusionUrgency.Keys);
        decisions.Select(d => d.Modality).Distinct().Should().Contain(Modality.Cbt);
        decisions.Select(d => d.Urgency).Distinct().Should().HaveCount(3);
        decisions.SelectMany(d => d.Adaptations).Distinct().Should().HaveCount(Enum.GetValues<Adaptation>().Length);
    }

    private static bool IsSortedDistinct(IReadOnlyList<string> codes) =>
        codes.Zip(codes.Skip(1)).All(pair => string.CompareOrdinal(pair.First, pair.Second) < 0);

    /// <summary>A second, independently loaded default policy: equal by value, not the same instance.</summary>
    private static TriagePolicy PolicyFileCopy() => PolicyFile.LoadDefault();
}
