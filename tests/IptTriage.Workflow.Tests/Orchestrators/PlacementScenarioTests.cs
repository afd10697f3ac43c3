using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Orchestrators;

public sealed class PlacementScenarioTests
{
    [Fact]
    public async Task A_routine_ipt_referral_is_placed_with_the_first_clinic_and_everyone_hears_what_they_need()
    {
        await using var workflow = await WorkflowHarness.StartAsync();

        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true));

        (await workflow.CompletionAsync(id)).Should().Be(ReferralStatus.Placed);
        var record = await workflow.Records.FindAsync(id);
        (record!.Status, record.ClinicId).Should().Be((ReferralStatus.Placed, "northbridge-ipt"));
        workflow.EmailKinds(id).Should().Equal(
            "client-received", "referrer-received", "clinic-case-offered", "client-next-steps", "referrer-outcome");
        (await workflow.AuditStepsAsync(id)).Should().Equal(
            "screened", "notified", "notified", "offered", "notified", "clinic-accepted", "notified", "notified");
    }

    [Fact]
    public async Task A_decline_releases_the_slot_and_the_case_goes_to_the_next_clinic()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: false));
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "lumen-telehealth");
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["lumen-telehealth"] = 1 });
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("lumen-telehealth", Accept: true));

        (await workflow.CompletionAsync(id)).Should().Be(ReferralStatus.Placed);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("lumen-telehealth");
    }

    [Fact]
    public async Task A_clinic_that_does_not_answer_in_time_is_passed_over_and_its_late_reply_ignored()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("ipt-grief.json");
        var offer = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        offer.DueAt.Should().Be(workflow.Clock.GetUtcNow() + workflow.Options.RoutineClinicResponseDeadline);

        await workflow.AdvanceToAsync(offer.DueAt!.Value);
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "lumen-telehealth");
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true));
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("lumen-telehealth", Accept: true));

        (await workflow.CompletionAsync(id)).Should().Be(ReferralStatus.Placed);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("lumen-telehealth");
        (await workflow.AuditStepsAsync(id)).Should().Contain("clinic-timed-out");
    }

    [Fact]
    public async Task With_no_clinic_left_the_case_is_unplaced_until_a_coordinator_places_it_by_hand()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        // Polish-speaking: no clinic in the directory offers IPT in Polish.
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["preferredLanguage"] = "pl");

        await workflow.WaitForStatusAsync(id, ReferralStatus.Unplaced);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ManualPlacement, new ManualPlacementRequest("northbridge-ipt", "coord-3"));

        (await workflow.CompletionAsync(id)).Should().Be(ReferralStatus.Placed);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("northbridge-ipt");
        workflow.EmailKinds(id).Should().Contain("coordinator-unplaced").And.EndWith(new[] { "client-next-steps", "referrer-outcome" });
        (await workflow.Records.ReadAuditAsync(id)).Should().Contain(entry => entry.Step == "placed-manually" && entry.Actor == "coordinator:coord-3");
    }

    [Fact]
    public async Task A_client_without_email_consent_gets_no_email_and_coordinators_are_asked_to_phone()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["consent"]!["contactByEmail"] = false);
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true));

        await workflow.CompletionAsync(id);

        workflow.Email.Sent.Should().NotContain(email => email.To.Address == "maria.santos@example.org");
        workflow.EmailKinds(id).Count(kind => kind == "coordinator-phone-client").Should().Be(2, "one for the acknowledgement, one for the next steps");
    }
}
