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
    public async Task An_invalid_form_runs_its_own_orchestration_which_records_it_and_alerts_coordinators_once(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var form = Activities.ActivityHarness.Form("ipt-grief.json", form =>
        {
            form["referralId"] = "R-BAD";
            form["instruments"]!["phq9"]![8] = 4;
        });

        var receipt = await workflow.SubmitBytesAsync(form, "inbox/r-bad.json");
        var unparseable = await workflow.SubmitBytesAsync(Encoding.UTF8.GetBytes("{\"referralId\":\"R-CUT\""), "inbox-cut");

        receipt.Should().BeEquivalentTo(new { ReferralId = "R-BAD", Status = ReferralStatus.Invalid, Started = true, IdTaken = false });
        receipt.Errors.Should().ContainSingle().Which.Path.Should().Be("instruments.phq9[8]");
        unparseable.Should().BeEquivalentTo(new { ReferralId = "inbox-cut", Started = true }, "an unparseable form is named by its file or message");
        unparseable.Errors.Should().ContainSingle().Which.Path.Should().Be("$");
        (await workflow.CompletionAsync("R-BAD")).Should().Be(ReferralStatus.Invalid);
        (await workflow.CompletionAsync("inbox-cut")).Should().Be(ReferralStatus.Invalid);

        var again = await workflow.SubmitBytesAsync(form, "inbox/r-bad.json");

        again.Should().BeEquivalentTo(new { Status = ReferralStatus.Invalid, Started = false, IdTaken = false }, "a redelivery starts nothing new");
        again.Errors.Should().ContainSingle();
        (await workflow.Records.FindAsync("R-BAD"))!.DecisionJson.Should().Contain("\"outcome\":\"invalid\"");
        (await workflow.TrailAsync("R-BAD")).Should().BeEquivalentTo(Trails.Invalid, options => options.WithStrictOrdering());
        (await workflow.TrailAsync("inbox-cut")).Should().BeEquivalentTo(Trails.Invalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_redelivery_starts_the_orchestration_of_a_form_stored_before_a_crash(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var valid = Activities.ActivityHarness.Form("ipt-grief.json");
        var invalid = Activities.ActivityHarness.Form("ipt-grief.json", form =>
        {
            form["referralId"] = "R-BAD";
            form["instruments"]!["phq9"]![8] = 4;
        });
        // What a crash between storing and starting leaves: the form in the record store, no orchestration.
        foreach (var (id, form) in new[] { ("EX-0001", valid), ("R-BAD", invalid) })
            await workflow.Records.AddAsync(new NewReferral(id, workflow.Clock.GetUtcNow(), form));

        var redelivered = new[] { await workflow.SubmitBytesAsync(valid, "message-1"), await workflow.SubmitBytesAsync(invalid, "message-2") };

        redelivered.Select(receipt => receipt.Started).Should().Equal(true, true);
        await workflow.WaitForStatusAsync("EX-0001", ReferralStatus.AwaitingClinic);
        (await workflow.CompletionAsync("R-BAD")).Should().Be(ReferralStatus.Invalid);
        (await workflow.TrailAsync("R-BAD")).Should().BeEquivalentTo(Trails.Invalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_corrected_form_resubmitted_under_an_invalid_referrals_id_starts_the_normal_path_under_the_same_id(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var broken = await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form => form["instruments"]!["phq9"]![0] = 7), "m-1");
        (await workflow.CompletionAsync("EX-0001")).Should().Be(ReferralStatus.Invalid);

        var corrected = await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json"), "m-2");

        (broken.Started, corrected.Started, corrected.IdTaken).Should().Be((true, true, false));
        await workflow.WaitForStatusAsync("EX-0001", ReferralStatus.AwaitingClinic);
        // Events go by referral id, so the corrected form's run under that id is the one that hears the clinic.
        await workflow.Client.RaiseEventAsync("EX-0001", WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        (await workflow.DischargeAsync("EX-0001")).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync("EX-0001")).Should().BeEquivalentTo(Trails.CorrectedAfterInvalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_corrected_form_redelivered_after_a_crash_between_replacing_and_starting_starts_once_audited_once(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form => form["instruments"]!["phq9"]![0] = 7), "m-1");
        (await workflow.CompletionAsync("EX-0001")).Should().Be(ReferralStatus.Invalid);
        var corrected = Activities.ActivityHarness.Form("ipt-grief.json");
        // What a crash right after the store replaced the form leaves: the corrected form, the invalid run finished.
        (await workflow.Records.ResubmitInvalidAsync(new NewReferral("EX-0001", workflow.Clock.GetUtcNow(), corrected))).Should().BeTrue();

        var redelivered = await workflow.SubmitBytesAsync(corrected, "m-2");
        var again = await workflow.SubmitBytesAsync(corrected, "m-3");

        (redelivered.Started, again.Started).Should().Be((true, false));
        await workflow.WaitForStatusAsync("EX-0001", ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync("EX-0001", WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        (await workflow.DischargeAsync("EX-0001")).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync("EX-0001")).Should().BeEquivalentTo(Trails.CorrectedAfterInvalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_different_invalid_form_under_an_invalid_referrals_id_replaces_nothing(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form => form["instruments"]!["phq9"]![0] = 7), "m-1");
        (await workflow.CompletionAsync("EX-0001")).Should().Be(ReferralStatus.Invalid);

        var other = await workflow.SubmitBytesAsync(Activities.ActivityHarness.Form("ipt-grief.json", form => form["instruments"]!["phq9"]![1] = 7), "m-2");

        other.Should().BeEquivalentTo(new { Started = false, IdTaken = true });
        (await workflow.TrailAsync("EX-0001")).Should().BeEquivalentTo(Trails.Invalid, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task Orchestration_history_holds_no_personal_data(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        await workflow.DischargeAsync(id);

        var instance = await workflow.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var everything = string.Join('\n', instance!.SerializedInput, instance.SerializedOutput, instance.SerializedCustomStatus,
            await workflow.Host.StoredTextAsync());

        everything.Should().Contain(id).And.Contain("northbridge-ipt", "the scan reads event payloads").And.NotContainAny("Maria", "Santos", "maria.santos@example.org", "1979-08-21", "husband", "Low mood", "riverside.example");
    }
}
