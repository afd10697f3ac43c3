using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Activities;

public sealed class ScreenReferralTests
{
    [Fact]
    public async Task An_acute_risk_referral_is_recorded_as_an_emergency_with_every_rule_that_fired()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        await harness.Records.AddAsync(new NewReferral("EX-0003", ActivityHarness.Now, ActivityHarness.Form("acute-risk.json")));

        var result = await harness.Screen.RunAsync("EX-0003");

        result.Should().Be(new ScreeningResult(Outcome.Routed, Urgency.Emergency, IsEmergency: true));
        var record = await harness.Records.FindAsync("EX-0003");
        record!.Status.Should().Be(ReferralStatus.Screened);
        record.Routing!.Modality.Should().Be(Modality.CrisisServices);
        record.DecisionJson.Should().Contain("\"outcome\":\"routed\"").And.Contain("\"policyVersion\":\"1.0.0\"");
        var audit = (await harness.Records.ReadAuditAsync("EX-0003")).Single();
        audit.Step.Should().Be(AuditStep.Screened);
        audit.Rules.Should().Equal("EX-ACUTE-RISK", "FL-IDEATION", "FL-PHONE");
        audit.PolicyVersion.Should().Be("1.0.0");
        audit.Should().BeEquivalentTo(new { Outcome = Outcome.Routed, Pathway = Pathway.Alternative, Modality = Modality.CrisisServices, Urgency = Urgency.Emergency, Detail = (string?)null });
    }

    [Fact]
    public async Task An_invalid_form_is_recorded_with_its_errors_and_no_content_in_the_audit()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var form = ActivityHarness.Form("ipt-grief.json", json => json["instruments"]!["phq9"]![3] = 9);
        await harness.Records.AddAsync(new NewReferral("EX-0001", ActivityHarness.Now, form));

        var result = await harness.Screen.RunAsync("EX-0001");

        result.Outcome.Should().Be(Outcome.Invalid);
        var record = await harness.Records.FindAsync("EX-0001");
        record!.Status.Should().Be(ReferralStatus.Invalid);
        record.DecisionJson.Should().Contain("instruments.phq9[3]");
        (await harness.Records.ReadAuditAsync("EX-0001")).Single().Should().BeEquivalentTo(new { Step = AuditStep.Invalid, Outcome = Outcome.Invalid, Detail = (string?)null, Rules = Array.Empty<string>() });
        (await harness.Records.ReadFormAsync("EX-0001")).Should().Equal(form, "an invalid form is kept exactly as it arrived");
    }

    [Theory]
    [InlineData("acute-risk.json", AuditStep.Screened)]
    [InlineData("invalid", AuditStep.Invalid)]
    public async Task Screening_run_again_after_a_crash_gives_the_same_result_and_no_second_audit_entry(string sample, AuditStep step)
    {
        // Found by the serve crash test: a kill after the decision committed, before the engine recorded the activity's
        // result, ran it again and audited the invalid form twice.
        await using var harness = await ActivityHarness.CreateAsync();
        var form = sample == "invalid"
            ? ActivityHarness.Form("ipt-grief.json", json => json["instruments"]!["phq9"]![3] = 9)
            : ActivityHarness.Form(sample);
        await harness.Records.AddAsync(new NewReferral("EX-0009", ActivityHarness.Now, form));

        var first = await harness.Screen.RunAsync("EX-0009");
        var again = await harness.Screen.RunAsync("EX-0009");

        again.Should().Be(first);
        (await harness.Records.ReadAuditAsync("EX-0009")).Select(entry => entry.Step).Should().Equal(step);
    }

    [Fact]
    public async Task Screening_an_unknown_referral_names_it()
    {
        await using var harness = await ActivityHarness.CreateAsync();

        var screen = () => harness.Screen.RunAsync("R-404");

        await screen.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*'R-404'*");
    }
}
