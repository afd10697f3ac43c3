using System.Text;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Hosts;

namespace IptTriage.Workflow.Tests.Orchestrators;

public sealed class IntakeScenarioTests
{
    [Theory, BothHosts]
    public async Task A_redelivered_form_starts_nothing_new(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var form = Activities.ActivityHarness.Form("ipt-grief.json");

        var first = await workflow.SubmitBytesAsync(form, "message-1");
        var again = await workflow.SubmitBytesAsync(form, "message-2");

        (first.Started, again.Started).Should().Be((true, false));
        again.ReferralId.Should().Be("EX-0001");
        await workflow.WaitForStatusAsync("EX-0001", ReferralStatus.AwaitingClinic);
        (await workflow.AuditStepsAsync("EX-0001")).Count(step => step == "screened").Should().Be(1);
    }

    [Theory, BothHosts]
    public async Task An_invalid_form_is_recorded_with_its_errors_coordinators_are_alerted_and_nothing_starts(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);

        var receipt = await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form =>
        {
            form["referralId"] = "R-BAD";
            form["instruments"]!["phq9"]![8] = 4;
        }), "inbox/r-bad.json");
        var unparseable = await workflow.SubmitBytesAsync(Encoding.UTF8.GetBytes("{\"referralId\":\"R-CUT\""), "inbox/cut.json");

        receipt.Should().BeEquivalentTo(new { ReferralId = "R-BAD", Status = ReferralStatus.Invalid, Started = false });
        receipt.Errors.Should().ContainSingle().Which.Path.Should().Be("instruments.phq9[8]");
        unparseable.ReferralId.Should().Be("inbox/cut.json", "an unparseable form is named by its file or message");
        unparseable.Errors.Should().ContainSingle().Which.Path.Should().Be("$");
        (await workflow.Records.FindAsync("R-BAD"))!.DecisionJson.Should().Contain("\"outcome\":\"invalid\"");
        workflow.EmailKinds("R-BAD").Should().Equal("coordinator-invalid-form");
        (await workflow.Client.GetInstanceAsync("R-BAD")).Should().BeNull();
        (await workflow.TrailAsync("R-BAD")).Should().BeEquivalentTo(Trails.Invalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_corrected_form_resubmitted_under_an_invalid_referrals_id_is_taken_in(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form => form["instruments"]!["phq9"]![0] = 7), "m-1");

        var corrected = await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json"), "m-2");

        corrected.Started.Should().BeTrue();
        await workflow.WaitForStatusAsync("EX-0001", ReferralStatus.AwaitingClinic);
    }

    [Theory, BothHosts]
    public async Task Orchestration_history_holds_no_personal_data(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true));
        await workflow.CompletionAsync(id);

        var instance = await workflow.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var everything = string.Join('\n', instance!.SerializedInput, instance.SerializedOutput, instance.SerializedCustomStatus,
            await workflow.Host.StoredTextAsync());

        everything.Should().Contain(id).And.Contain("northbridge-ipt", "the scan reads event payloads").And.NotContainAny("Maria", "Santos", "maria.santos@example.org", "1979-08-21", "husband", "Low mood", "riverside.example");
    }
}
