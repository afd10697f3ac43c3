using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Hosts;

namespace IptTriage.Workflow.Tests.Orchestrators;

public sealed class ReviewAndEmergencyScenarioTests
{
    [Theory, BothHosts]
    public async Task An_approved_review_goes_on_to_placement(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var before = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("needs-review.json");
        var awaiting = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingReview);
        awaiting.DueAt.Should().BeOnOrAfter(before + TimeSpan.FromHours(4), "the review is urgent")
            .And.BeOnOrBefore(workflow.Clock.GetUtcNow() + TimeSpan.FromHours(4));

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "coord-1"));
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        offered.Routing!.Pathway.Should().Be(Pathway.Ipt);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse(offered.ClinicId!, Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ReviewedThenPlaced([]), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task A_decision_sent_before_the_review_wait_begins_is_kept_for_it(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        // Held at the review request, the orchestration has not yet begun to wait when the decision arrives.
        var request = workflow.Email.Hold("coordinator-review-requested");
        var id = await workflow.SubmitAsync("needs-review.json");
        await request.Reached;

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "coord-1"));
        request.Release();
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse(offered.ClinicId!, Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.ReviewedThenPlaced([]), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task An_override_reroutes_and_a_close_ends_the_case_without_placing_it(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host);
        var overridden = await workflow.SubmitAsync("needs-review.json");
        var closed = await workflow.SubmitAsync("needs-review.json", form => form["referralId"] = "EX-0004-B");
        await workflow.WaitForStatusAsync(overridden, ReferralStatus.AwaitingReview);
        await workflow.WaitForStatusAsync(closed, ReferralStatus.AwaitingReview);

        await workflow.Client.RaiseEventAsync(overridden, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Override, "coord-1", Pathway.Alternative, Modality.Cbt));
        await workflow.Client.RaiseEventAsync(closed, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Close, "coord-2"));

        (await workflow.WaitForStatusAsync(overridden, ReferralStatus.AwaitingClinic)).Should().BeEquivalentTo(new
        {
            ClinicId = "lumen-telehealth",
            Routing = new { Pathway = Pathway.Alternative, Modality = (Modality?)Modality.Cbt },
        });
        (await workflow.CompletionAsync(closed)).Should().Be(ReferralStatus.Closed);
        (await workflow.Records.SlotsInUseAsync()).Keys.Should().Equal("lumen-telehealth");
        await workflow.Client.RaiseEventAsync(overridden, WorkflowEvents.ClinicResponded, new ClinicResponse("lumen-telehealth", Accept: true, By: "user:clinic-staff"));
        (await workflow.DischargeAsync(overridden)).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync(overridden)).Should().BeEquivalentTo(Trails.ReviewedThenPlaced([]), options => options.WithStrictOrdering());
        (await workflow.TrailAsync(closed)).Should().BeEquivalentTo(Trails.ReviewClosed, options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task An_unanswered_review_is_reminded_at_half_time_and_escalated_at_the_deadline_then_still_waits(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, new WorkflowOptions { UrgentReviewDeadline = TimeSpan.FromSeconds(2) });
        var id = await workflow.SubmitAsync("needs-review.json");
        var awaiting = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingReview);

        await workflow.AdvanceToAsync(awaiting.DueAt!.Value);
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Contains("supervisor-escalation"));
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "supervisor-9"));
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse(offered.ClinicId!, Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(
            Trails.ReviewedThenPlaced(["coordinator-review-reminder", "supervisor-escalation"]), options => options.WithStrictOrdering());
        var deadline = workflow.Options.UrgentReviewDeadline;
        (await TimersBeforeAsync(workflow, id, ApplyReviewDecision.Name)).Should().Equal(
            [awaiting.DueAt - deadline / 2, awaiting.DueAt], "a reminder at half time, an escalation at the deadline, then the review waits for a person without timers");
    }

    [Theory, BothHosts]
    public async Task An_emergency_alerts_the_crisis_team_first_escalates_every_interval_and_stops_when_acknowledged(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, new WorkflowOptions { EmergencyEscalationInterval = TimeSpan.FromSeconds(1) });
        // The acknowledgement arrives while the second escalation is being sent, before the third wait begins.
        var secondEscalation = workflow.Email.Hold("supervisor-escalation", occurrence: 2);
        var start = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("acute-risk.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);

        await workflow.AdvanceToAsync(start + 2 * workflow.Options.EmergencyEscalationInterval);
        await secondEscalation.Reached;
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement("user:crisis-5"));
        secondEscalation.Release();
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        offered.ClinicId.Should().Be("harbour-crisis");
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("harbour-crisis", Accept: true, By: "user:clinic-staff"));

        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        workflow.EmailKinds(id)[0].Should().Be("crisis-team-alert", "the crisis team hears before anything else is sent");
        (await workflow.Records.ReadAuditAsync(id)).Should().Contain(entry => entry.Step == AuditStep.CrisisAcknowledged && entry.Actor == "user:crisis-5" && entry.Detail == null);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.Emergency(escalations: 2, acknowledged: true), options => options.WithStrictOrdering());
    }

    [Theory, BothHosts]
    public async Task An_emergency_nobody_acknowledges_is_escalated_eight_times_recorded_and_placed(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host, new WorkflowOptions { EmergencyEscalationInterval = TimeSpan.FromMilliseconds(500) });
        var start = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("acute-risk.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);

        await workflow.AdvanceToAsync(start + 8 * workflow.Options.EmergencyEscalationInterval);

        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ClinicResponded, new ClinicResponse("harbour-crisis", Accept: true, By: "user:clinic-staff"));
        (await workflow.DischargeAsync(id)).Should().Be(ReferralStatus.Discharged);
        (await workflow.TrailAsync(id)).Should().BeEquivalentTo(Trails.Emergency(escalations: 8, acknowledged: false), options => options.WithStrictOrdering());
        var escalations = await TimersBeforeAsync(workflow, id, RecordStep.Name, skip: 1);
        escalations.Should().HaveCount(8).And.BeInAscendingOrder();
        // Each wait starts when the previous one ended: at least an interval apart, exactly so on the embedded host's clock.
        escalations.Zip(escalations.Skip(1), (earlier, later) => later - earlier).Should().OnlyContain(gap => gap >= workflow.Options.EmergencyEscalationInterval);
    }

    /// <summary>The emergency's due time is always when the next escalation goes (what the worklists show as the next
    /// escalation): recorded with the emergency for the first wait, moved by each escalation to the wait that follows
    /// it, and named by none after the last.</summary>
    [Theory, BothHosts]
    public async Task Each_escalation_moves_the_emergencys_due_time_to_when_the_next_one_goes(WorkflowHost host)
    {
        await using var workflow = await WorkflowHarness.StartAsync(host,
            new WorkflowOptions { EmergencyEscalationInterval = TimeSpan.FromSeconds(1), MaxEmergencyEscalations = 3 });
        var secondEscalation = workflow.Email.Hold("supervisor-escalation", occurrence: 2);
        var start = workflow.Clock.GetUtcNow();
        var id = await workflow.SubmitAsync("acute-risk.json");
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);

        await workflow.AdvanceToAsync(start + 2 * workflow.Options.EmergencyEscalationInterval);
        await secondEscalation.Reached;
        var escalating = (await workflow.Records.FindAsync(id))!;
        var listed = (await workflow.Records.SummarizeWorklistsAsync(workflow.Clock.GetUtcNow(), null, 10)).Emergencies.Single(open => open.ReferralId == id);
        secondEscalation.Release();
        await workflow.AdvanceToAsync(start + 3 * workflow.Options.EmergencyEscalationInterval);
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);

        var waits = await TimersBeforeAsync(workflow, id, RecordStep.Name, skip: 1);
        waits.Should().HaveCount(3);
        escalating.Status.Should().Be(ReferralStatus.Emergency);
        escalating.DueAt.Should().Be(waits[2], "the second escalation is going out, so the third is next");
        listed.Escalations.Should().Be(2);
        listed.NextEscalationAt.Should().Be(waits[2]);
        var audit = await workflow.Records.ReadAuditAsync(id);
        audit.Single(entry => entry.Step == AuditStep.Emergency).DueAt.Should().Be(waits[0], "the first wait ends at the due time recorded with the emergency");
        audit.Where(entry => entry.NotificationKind == NotificationKind.SupervisorEscalation).Select(entry => entry.DueAt)
            .Should().Equal([waits[1], waits[2], null], "each escalation names the next one's time, and the last names none");
    }

    /// <summary>When the orchestration's timers were due, up to the <paramref name="skip"/>+1th call of <paramref name="activity"/>.</summary>
    private static async Task<List<DateTimeOffset?>> TimersBeforeAsync(WorkflowHarness workflow, string id, string activity, int skip = 0)
    {
        var history = await workflow.Host.HistoryAsync(id);
        var until = history.Where(e => e.TaskScheduled?.Name == activity).Skip(skip).First();
        return [.. history.TakeWhile(e => e != until).Where(e => e.TimerCreated is not null).Select(e => (DateTimeOffset?)e.TimerCreated.FireAt.ToDateTimeOffset())];
    }
}
