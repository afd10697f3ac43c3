using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Orchestrators;

public sealed class ReviewAndEmergencyScenarioTests
{
    [Fact]
    public async Task An_approved_review_goes_on_to_placement()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("needs-review.json");
        var awaiting = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingReview);
        awaiting.DueAt.Should().Be(workflow.Clock.GetUtcNow() + TimeSpan.FromHours(4), "the review is urgent");

        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "coord-1"));
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);

        offered.Routing!.Pathway.Should().Be(Pathway.Ipt);
        workflow.EmailKinds(id).Should().Contain("coordinator-review-requested").And.NotContain("coordinator-review-reminder");
    }

    [Fact]
    public async Task An_override_reroutes_and_a_close_ends_the_case_without_placing_it()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
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
    }

    [Fact]
    public async Task An_unanswered_review_is_reminded_at_half_time_and_escalated_at_the_deadline_then_still_waits()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("needs-review.json");
        var requestedAt = workflow.Clock.GetUtcNow();
        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingReview);

        await workflow.AdvanceToAsync(requestedAt + TimeSpan.FromHours(2));
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Contains("coordinator-review-reminder"));
        workflow.EmailKinds(id).Should().NotContain("supervisor-escalation");
        await workflow.AdvanceToAsync(requestedAt + TimeSpan.FromHours(4));
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Contains("supervisor-escalation"));
        workflow.Clock.NextTimerDue.Should().BeNull("after escalating, the review waits for a person without further timers");
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "supervisor-9"));

        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        workflow.EmailKinds(id).Count(kind => kind == "supervisor-escalation").Should().Be(1);
    }

    [Fact]
    public async Task An_emergency_alerts_the_crisis_team_first_escalates_every_interval_and_stops_when_acknowledged()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("acute-risk.json");
        var start = workflow.Clock.GetUtcNow();
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Contains("crisis-team-alert"));

        await workflow.AdvanceToAsync(start + TimeSpan.FromMinutes(30));
        await workflow.WaitForAsync(id, _ => workflow.EmailKinds(id).Count(kind => kind == "supervisor-escalation") == 2);
        await workflow.Client.RaiseEventAsync(id, WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement("coord-5"));
        var offered = await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);

        offered.ClinicId.Should().Be("harbour-crisis");
        workflow.EmailKinds(id)[0].Should().Be("crisis-team-alert", "the crisis team hears before anything else is sent");
        workflow.EmailKinds(id).Count(kind => kind == "supervisor-escalation").Should().Be(2);
        (await workflow.Records.ReadAuditAsync(id)).Should().Contain(entry => entry.Step == "crisis-acknowledged" && entry.Detail == "acknowledged by coord-5");
    }

    [Fact]
    public async Task An_emergency_nobody_acknowledges_is_escalated_eight_times_recorded_and_placed()
    {
        await using var workflow = await WorkflowHarness.StartAsync();
        var id = await workflow.SubmitAsync("acute-risk.json");
        var start = workflow.Clock.GetUtcNow();
        await workflow.WaitForStatusAsync(id, ReferralStatus.Emergency);

        await workflow.AdvanceToAsync(start + TimeSpan.FromMinutes(15 * 8));

        await workflow.WaitForStatusAsync(id, ReferralStatus.AwaitingClinic);
        workflow.EmailKinds(id).Count(kind => kind == "supervisor-escalation").Should().Be(8);
        (await workflow.AuditStepsAsync(id)).Should().Contain("unacknowledged-emergency");
    }
}
