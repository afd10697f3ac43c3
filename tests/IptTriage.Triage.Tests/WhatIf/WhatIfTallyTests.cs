using FsCheck;
using FsCheck.Fluent;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Tests.Decisions;
using IptTriage.Triage.WhatIf;
using static IptTriage.Triage.Tests.TestForms;
using Outcome = IptTriage.Triage.Decisions.Outcome;

namespace IptTriage.Triage.Tests.WhatIf;

public sealed class WhatIfTallyTests
{
    private static DecisionPair Pair(IntakeForm form, TwoPolicies policies) =>
        new(form.Decide(policies.Current), form.Decide(policies.Candidate), form.ReceivedAt);

    [Fact]
    public void A_candidate_with_the_current_settings_changes_nothing_whatever_the_forms()
    {
        var same = new TwoPolicies(DefaultPolicy, DefaultPolicy with { Version = "copy", Description = "the same cut-offs" });
        var tally = new WhatIfTally(same);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(IntakeFormGen.Arbitrary, form => tally.Add(Pair(form, same)) is null));

        var summary = tally.Summary();
        summary.Forms.Should().Be(500);
        summary.Changed.Should().Be(0);
        summary.Rules.Should().BeEmpty();
        summary.CrossTable.Should().OnlyContain(row => row.Before == row.After).And.NotBeEmpty();
        summary.CrossTable.Sum(row => row.Before).Should().Be(500);
        (summary.CurrentPolicy, summary.CandidatePolicy).Should().Be(("1.0.0", "copy"));
    }

    [Fact]
    public void The_cross_table_and_rule_counts_follow_the_forms_that_change()
    {
        var policies = new TwoPolicies(DefaultPolicy, DefaultPolicy with { Phq9 = DefaultPolicy.Phq9 with { SevereDepressionAtLeast = 18 } });
        var tally = new WhatIfTally(policies);
        // 19 and 18 move to medication, 17 and 22 stay where they were (ipt, and ipt-with-medication).
        var changes = new[] { 19, 17, 22, 18 }.Select(total => tally.Add(Pair(Baseline.WithPhq9(total) with { ReferralId = $"T-{total}" }, policies))).ToList();

        changes.Select(change => change?.ReferralId).Should().Equal("T-19", null, null, "T-18");
        var summary = tally.Summary();
        summary.Changed.Should().Be(2);
        summary.CrossTable.Should().Equal(
            new CrossTableRow(Outcome.Routed, Pathway.Ipt, null, Urgency.Routine, Before: 3, After: 1),
            new CrossTableRow(Outcome.Routed, Pathway.IptWithMedication, null, Urgency.Routine, Before: 1, After: 3));
        summary.Rules.Should().Equal(
            new RuleShift("RT-MEDICATION", FiredBefore: 1, FiredAfter: 3, Started: 2, Stopped: 0),
            new RuleShift("RT-IPT", FiredBefore: 3, FiredAfter: 1, Started: 0, Stopped: 2),
            new RuleShift("MED-SEVERE", FiredBefore: 1, FiredAfter: 3, Started: 2, Stopped: 0));
    }

    [Fact]
    public void An_invalid_form_is_counted_as_invalid_under_both_and_never_changes()
    {
        var policies = new TwoPolicies(DefaultPolicy, DefaultPolicy with { Version = "other", Pqb = new PqbThresholds(1) });
        var tally = new WhatIfTally(policies);

        var pair = policies.Screen("{\"referralId\":\"BAD-1\"}"u8, "line 1");

        (pair.Before.Outcome, pair.After.Outcome, pair.Before.ReferralId, pair.ReceivedAt).Should().Be((Outcome.Invalid, Outcome.Invalid, "BAD-1", (DateTimeOffset?)null));
        pair.After.PolicyVersion.Should().Be("other");
        tally.Add(pair).Should().BeNull();
        var summary = tally.Summary();
        (summary.Forms, summary.Invalid, summary.Changed).Should().Be((1, 1, 0));
        summary.CrossTable.Should().Equal(new CrossTableRow(Outcome.Invalid, null, null, null, 1, 1));
    }

    [Fact]
    public void Screening_once_under_two_policies_decides_as_screening_under_each()
    {
        var tuned = Policy.TunedPolicy.Load();
        var policies = new TwoPolicies(DefaultPolicy, tuned);
        var form = "{\"schemaVersion\":\"1.0\"}"u8.ToArray();
        foreach (var bytes in Intake.Support.SampleForms.All.Select(Intake.Support.SampleForms.Bytes).Append(form))
        {
            var pair = policies.Screen(bytes, "sample");

            DecisionJson.ToJson(pair.Before).Should().Be(DecisionJson.ToJson(Screening.Screen(bytes, "sample", DefaultPolicy)));
            DecisionJson.ToJson(pair.After).Should().Be(DecisionJson.ToJson(Screening.Screen(bytes, "sample", tuned)));
        }
    }
}
