using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Hosts;

namespace IptTriage.Workflow.Tests.Orchestrators;

public sealed class PlacementScenarioTests
{
    [Theory, BothHosts]
    public async Task A_routine_ipt_referral_is_placed_with_the_first_clinic_and_everyone_hears_what_they_need(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);

        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("northbridge-ipt");
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedFirstTime, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_decline_releases_the_slot_and_the_case_goes_to_the_next_clinic(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: false, By: "user:clinic-staff"));
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "lumen-telehealth");
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["lumen-telehealth"] = 1 });
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("lumen-telehealth", Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("lumen-telehealth");
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedSecondTime("clinic-declined"), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_clinic_that_does_not_answer_in_time_is_passed_over_and_its_late_reply_ignored(WorkflowHost host)
    {
        // A deadline of seconds, so Microsoft's host (wall-clock timers) lets it pass too.
        await using var workflow = await WorkflowHarness.StartAsync(host, new WorkflowOptions { RoutineClinicResponseDeadline = TimeSpan.FromSeconds(1) });
        // The second offer has the same short deadline: its notice is held until both replies are in, so the replies
        // are waiting for the orchestration before it starts the second offer's timer, on any host at any speed.
        var secondOffer = workflow.Email.Hold("clinic-case-offered", occurrence: 2);
        var before = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("ipt-grief.json");
        var offer = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        offer.DueAt.Should().BeOnOrAfter(before + workflow.Options.RoutineClinicResponseDeadline)
            .And.BeOnOrBefore(workflow.Clock.GetUtcNow() + workflow.Options.RoutineClinicResponseDeadline);

        await workflow.AdvanceToAsync(offer.DueAt!.Value);
        await secondOffer.Reached;
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("lumen-telehealth");
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("lumen-telehealth", Accept: true, By: "user:clinic-staff"));
        secondOffer.Release();

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("lumen-telehealth");
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedSecondTime("clinic-timed-out"), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task With_no_clinic_left_the_case_is_unplaced_until_a_coordinator_offers_it_to_a_clinic_that_accepts(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        // Polish-speaking: no clinic in the directory offers IPT in Polish.
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["preferredLanguage"] = "pl");

        await workflow.WaitForStatusAsync(id, ReferralStatus.Unplaced);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ManualPlacement, new ManualPlacementRequest("northbridge-ipt", "user:coord-3"));
        // The coordinator's choice is an offer: the clinic is told, and answers as it answers any offer.
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "northbridge-ipt");
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Contains("clinic-case-offered"));
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.Records.FindAsync(id))!.ClinicId.Should().Be("northbridge-ipt");
        (await workflow.Records.ReadAuditAsync(id)).Should().Contain(entry => entry.Step == AuditStep.OfferedManually && entry.Actor == "user:coord-3"
            && entry.ClinicId == "northbridge-ipt");
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedByHand, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_client_without_email_consent_gets_no_email_and_coordinators_are_asked_to_phone(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["consent"]!["contactByEmail"] = false);
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));

        await workflow.DischargeAsync(id);

        workflow.Email.Sent.Should().NotContain(email => email.To.Address == "maria.santos@example.org");
        workflow.EmailKinds(id).Count(kind => kind == "coordinator-phone-client").Should().Be(2, "one for the acknowledgement, one for the next steps");
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedFirstTimeWithoutClientEmail, options => options.WithStrictOrdering());
    }
}
