using System.Text;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Hosts;

namespace IptTriage.Workflow.Tests.Orchestrators;

/// <summary>The whole lifecycle (issue 12): a close from every waiting state, the end of care, freed slots offered on to
/// unplaced cases in order and within capacity, and a coordinator's placement as an offer.</summary>
public sealed class LifecycleScenarioTests
{
    private const string Solo = "solo-ipt";

    [Theory, BothHosts]
    public async Task A_case_closed_while_the_crisis_team_is_awaited_ends_without_escalating(WorkflowHost host)
    {
        var options = new WorkflowOptions { EmergencyEscalationInterval = TimeSpan.FromSeconds(20) };
        await using var workflow = await WorkflowHarness.StartAsync(host, options);
        var start = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("acute-risk.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);
        await workflow.WaitForNoticeAsync(id, "coordinator-phone-client");

        (await workflow.CloseAsync(id, CloseReason.ReferredElsewhere)).Should().Be(ReferralStatus.Closed);

        // The escalation timer was cancelled: past its time, nothing more is sent (the embedded host's clock jumps there).
        if (host == WorkflowHost.Embedded) await workflow.PassAsync(start + 3 * options.EmergencyEscalationInterval - workflow.Clock.GetUtcNow());
        workflow.EmailKinds(id).Should().NotContain("supervisor-escalation");
        (await workflow.Records.ReadAuditAsync(id)).Should().ContainSingle(entry => entry.Step == AuditStep.CaseClosed)
            .Which.Should().BeEquivalentTo(new { CloseReason = (CloseReason?)CloseReason.ReferredElsewhere, Actor = "user:coord-1", ClinicId = (string?)null });
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ClosedInEmergency, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_case_closed_while_awaiting_review_ends_with_the_client_and_referrer_told(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("needs-review.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingReview);
        await workflow.WaitForNoticeAsync(id, "coordinator-review-requested");

        (await workflow.CloseAsync(id, CloseReason.Duplicate)).Should().Be(ReferralStatus.Closed);

        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ClosedInReview, options => options.WithStrictOrdering());
        (await workflow.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Closed);
    }

    [Theory, BothHosts]
    public async Task A_case_closed_while_a_clinic_considers_it_withdraws_the_offer_and_releases_the_slot(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "northbridge-ipt");
        await workflow.WaitForNoticeAsync(id, "clinic-case-offered");

        (await workflow.CloseAsync(id, CloseReason.MovedAway)).Should().Be(ReferralStatus.Closed);

        (await workflow.Records.SlotsInUseAsync()).Should().BeEmpty();
        (await workflow.Records.ReadAuditAsync(id)).Should().ContainSingle(entry => entry.Step == AuditStep.CaseClosed)
            .Which.Should().BeEquivalentTo(new { CloseReason = (CloseReason?)CloseReason.MovedAway, ClinicId = "northbridge-ipt" });
        var clinic = BundledDirectory().Find("northbridge-ipt")!;
        workflow.Email.Sent.Should().ContainSingle(email => email.CustomArgs["kind"] == "clinic-case-withdrawn").Which.To.Address.Should().Be(clinic.Email);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ClosedWhile(ReferralStatus.AwaitingClinic), options => options.WithStrictOrdering());

        // The clinic's late acceptance finds the case closed and changes nothing.
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        (await workflow.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Closed);
    }

    [Theory, BothHosts]
    public async Task An_unplaced_case_can_be_closed(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["preferredLanguage"] = "pl");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Unplaced);
        await workflow.WaitForNoticeAsync(id, "coordinator-unplaced");

        (await workflow.CloseAsync(id, CloseReason.Other)).Should().Be(ReferralStatus.Closed);

        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ClosedWhile(ReferralStatus.Unplaced), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_placed_case_can_be_closed_which_releases_its_slot(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));
        await workflow.WaitForStatusAsync(id, ReferralStatus.Placed);
        await workflow.WaitForNoticeAsync(id, "referrer-outcome");
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["northbridge-ipt"] = 1 });

        (await workflow.CloseAsync(id, CloseReason.Withdrawn)).Should().Be(ReferralStatus.Closed);

        (await workflow.Records.SlotsInUseAsync()).Should().BeEmpty();
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ClosedWhile(ReferralStatus.Placed), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task The_end_of_care_discharges_the_case_with_its_reason_and_releases_the_slot(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id, DischargeReason.Disengaged)).Should().Be(ReferralStatus.Discharged);

        (await workflow.Records.SlotsInUseAsync()).Should().BeEmpty();
        (await workflow.Records.ReadAuditAsync(id)).Should().ContainSingle(entry => entry.Step == AuditStep.CareEnded).Which.Should().BeEquivalentTo(
            new { DischargeReason = (DischargeReason?)DischargeReason.Disengaged, ClinicId = "northbridge-ipt", Actor = "key:clinic-system" });
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.PlacedFirstTime, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_freed_slot_goes_to_the_oldest_matching_unplaced_case_and_a_decline_passes_it_to_the_next(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, clinics: OneSlotClinic());
        var placed = await PlaceWithSoloAsync(workflow, "EX-5-PLACED");
        // The older case has the later id: the order is by age, not by id.
        var older = await UnplacedAsync(workflow, "EX-9-OLDER");
        await workflow.PassAsync(TimeSpan.FromSeconds(1));
        var newer = await UnplacedAsync(workflow, "EX-1-NEWER");

        (await workflow.DischargeAsync(placed)).Should().Be(ReferralStatus.Discharged);
        await workflow.WaitForStatusAsync(older, ReferralStatus.AwaitingClinic, clinicId: Solo);
        await workflow.WaitForNoticeAsync(older, "clinic-case-offered");
        (await workflow.Records.FindAsync(newer))!.Status.Should().Be(ReferralStatus.Unplaced);
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { [Solo] = 1 });

        await workflow.Client.RaiseEventAsync(older, WorkflowEvents.ClinicResponded, new ClinicResponse(Solo, Accept: false, By: "user:clinic-staff"));
        await workflow.WaitForStatusAsync(newer, ReferralStatus.AwaitingClinic, clinicId: Solo);
        await workflow.WaitForStatusAsync(older, ReferralStatus.Unplaced);
        await workflow.Client.RaiseEventAsync(newer, WorkflowEvents.ClinicResponded, new ClinicResponse(Solo, Accept: true, By: "user:clinic-staff"));

        await workflow.WaitForStatusAsync(newer, ReferralStatus.Placed);
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { [Solo] = 1 });
        // The clinic declined the older case: its next free slot is not offered to it again.
        (await workflow.DischargeAsync(newer)).Should().Be(ReferralStatus.Discharged);
        (await new FindCasesForSlot(workflow.Records, OneSlotClinic()).RunAsync(Solo)).Should().BeEmpty();
        (await workflow.Records.FindAsync(older))!.Status.Should().Be(ReferralStatus.Unplaced);
        await workflow.CloseAsync(older);
    }

    [Theory, BothHosts]
    public async Task Two_cases_told_of_one_slot_never_take_more_than_the_clinic_holds(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, clinics: OneSlotClinic());
        var placed = await PlaceWithSoloAsync(workflow, "EX-5-PLACED");
        var first = await UnplacedAsync(workflow, "EX-6-FIRST");
        var second = await UnplacedAsync(workflow, "EX-7-SECOND");

        // A notice of a slot that is not free (sent too late, or twice) offers nothing.
        await workflow.Client.RaiseEventAsync(first, WorkflowEvents.SlotFreed, new FreedSlot(Solo));
        await workflow.WaitForActivityResultAsync(first, "OfferToClinic");
        (await workflow.Records.FindAsync(first))!.Status.Should().Be(ReferralStatus.Unplaced);

        // One slot frees and both cases hear of it: the ledger lets one of them have it.
        await workflow.Client.RaiseEventAsync(second, WorkflowEvents.SlotFreed, new FreedSlot(Solo));
        (await workflow.DischargeAsync(placed)).Should().Be(ReferralStatus.Discharged);
        await workflow.WaitForActivityResultAsync(second, "OfferToClinic");
        await workflow.WaitForActivityResultAsync(placed, "FindCasesForSlot");

        // Whichever reserved first has the slot; the other stays unplaced however the two raced.
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        ReferralStatus[] statuses;
        do
        {
            await Task.Delay(10, guard.Token);
            statuses = [(await workflow.Records.FindAsync(first))!.Status, (await workflow.Records.FindAsync(second))!.Status];
        }
        while (!statuses.Contains(ReferralStatus.AwaitingClinic));
        statuses.Should().BeEquivalentTo([ReferralStatus.AwaitingClinic, ReferralStatus.Unplaced]);
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { [Solo] = 1 });
        await workflow.CloseAsync(first);
        await workflow.CloseAsync(second);
    }

    [Theory, BothHosts]
    public async Task Raising_a_clinics_capacity_offers_the_freed_room_through_the_workflow_service(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, clinics: OneSlotClinic());
        // The only slot is held by a case outside this run; freeing it is what a raised capacity looks like to the ledger.
        await workflow.Records.TryReserveAsync(Solo, "EX-OUTSIDE", 1, workflow.Clock.GetUtcNow());
        var waiting = await UnplacedAsync(workflow, "EX-6-WAITING");
        await workflow.Records.ReleaseAsync(Solo, "EX-OUTSIDE");

        var service = new FreedSlotOffers(new FindCasesForSlot(workflow.Records, OneSlotClinic()), workflow.Client);
        (await service.OfferAsync(Solo)).Should().Equal(waiting);

        await workflow.WaitForStatusAsync(waiting, ReferralStatus.AwaitingClinic, clinicId: Solo);
        await workflow.CloseAsync(waiting);
    }

    [Theory, BothHosts]
    public async Task A_coordinators_offer_the_clinic_declines_returns_the_case_to_unplaced(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["client"]!["preferredLanguage"] = "pl");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Unplaced);

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ManualPlacement, new ManualPlacementRequest("northbridge-ipt", "user:coord-3"));
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: "northbridge-ipt");
        await workflow.WaitForNoticeAsync(id, "clinic-case-offered");
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("northbridge-ipt", Accept: false, By: "user:clinic-staff"));

        await workflow.WaitForNoticeAsync(id, "coordinator-unplaced", count: 2);
        (await workflow.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Unplaced);
        (await workflow.Records.SlotsInUseAsync()).Should().BeEmpty();
        await workflow.CloseAsync(id);
    }

    [Theory, BothHosts]
    public async Task A_coordinators_offer_to_a_full_clinic_goes_beyond_its_capacity_only_with_leave(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, clinics: OneSlotClinic());
        await PlaceWithSoloAsync(workflow, "EX-5-PLACED");
        var id = await UnplacedAsync(workflow, "EX-6-WAITING");

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ManualPlacement, new ManualPlacementRequest(Solo, "user:coord-3"));
        await workflow.WaitForAuditAsync(id, AuditStep.ClinicFull);
        (await workflow.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Unplaced);

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ManualPlacement, new ManualPlacementRequest(Solo, "user:coord-3", OverCapacityAllowed: true));
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: Solo);
        (await workflow.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { [Solo] = 2 });
        await workflow.CloseAsync(id);
    }

    /// <summary>An IPT case (the <c>ipt-grief</c> sample) offered to and accepted by the one-slot clinic.</summary>
    private static async Task<string> PlaceWithSoloAsync(WorkflowHarness workflow, string referralId)
    {
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["referralId"] = referralId);
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic, clinicId: Solo);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse(Solo, Accept: true, By: "user:clinic-staff"));
        await workflow.WaitForStatusAsync(id, ReferralStatus.Placed);
        return id;
    }

    /// <summary>An IPT case that finds the one-slot clinic full.</summary>
    private static async Task<string> UnplacedAsync(WorkflowHarness workflow, string referralId)
    {
        var id = await workflow.SubmitAsync("ipt-grief.json", form => form["referralId"] = referralId);
        await workflow.WaitForStatusAsync(id, ReferralStatus.Unplaced);
        await workflow.WaitForNoticeAsync(id, "coordinator-unplaced");
        return id;
    }

    private static ClinicDirectory BundledDirectory() => Clinics.BundledDirectory.Load();

    /// <summary>One IPT clinic with one slot, serving the samples' region and languages.</summary>
    private static ClinicDirectory OneSlotClinic() => ClinicDirectory.Load(new MemoryStream(Encoding.UTF8.GetBytes($$"""
        {"clinics": [{"id": "{{Solo}}", "name": "Solo IPT", "email": "solo@clinic.example", "regions": ["north"], "telehealth": false,
          "languages": ["en", "es"], "pathways": ["ipt", "ipt-with-medication"], "modalities": [], "adaptations": [], "capacity": 1}]}
        """)), "one-slot directory");
}
