using System.Text.Json;
using IptTriage.Functions.Orchestration;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.Functions.Tests.Orchestration;

/// <summary>The real ReferralOrchestrator, run through the adapter against a Microsoft.DurableTask context: every
/// activity, timer, event and status must reach that context unchanged.</summary>
public sealed class DurableFunctionsContextTests
{
    private const string ReferralId = "ref-0001";
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly WorkflowOptions Options = new();

    [Fact]
    public async Task A_routed_referral_reaches_the_Microsoft_context_call_for_call()
    {
        var manual = new ManualPlacementRequest("northbridge-ipt", "coord-7");
        var context = new FakeOrchestrationContext(ReferralId, Now)
            .Answer(ScreenReferral.Name, () => new ScreeningResult(Outcome.Routed, Urgency.Routine, IsEmergency: false))
            .Answer(OfferToNextClinic.Name, () => "northbridge-ipt")
            .Answer(OfferToNextClinic.Name, () => null)
            .Raise(WorkflowEvents.ManualPlacement, manual);

        var status = await RunAsync(context);

        var respondBy = Now + Options.RoutineClinicResponseDeadline;
        status.Should().Be(ReferralStatus.Placed);
        context.Activities.Select(call => (call.Name, call.Input)).Should().Equal(
            Call(ScreenReferral.Name, ReferralId),
            Notice(NotificationKind.ClientReceived),
            Notice(NotificationKind.ReferrerReceived),
            Call(OfferToNextClinic.Name, new PlacementRequest(ReferralId, [], respondBy)),
            Notice(NotificationKind.ClinicCaseOffered),
            Call(CloseClinicOffer.Name, new OfferOutcome(ReferralId, "northbridge-ipt", OfferEnd.TimedOut)),
            Call(OfferToNextClinic.Name, new PlacementRequest(ReferralId, ["northbridge-ipt"], respondBy)),
            Notice(NotificationKind.CoordinatorUnplaced),
            Call(PlaceManually.Name, new ManualPlacementStep(ReferralId, manual)),
            Notice(NotificationKind.ClientNextSteps),
            Notice(NotificationKind.ReferrerOutcome));
        context.Timers.Should().Equal(respondBy);
        context.EventsAwaited.Should().Equal(WorkflowEvents.ClinicResponded, WorkflowEvents.ManualPlacement);
    }

    [Fact]
    public async Task Every_activity_keeps_its_retry_policy()
    {
        var context = new FakeOrchestrationContext(ReferralId, Now)
            .Answer(ScreenReferral.Name, () => new ScreeningResult(Outcome.Invalid, Urgency.Routine, IsEmergency: false));

        await RunAsync(context);

        context.Activities.Should().NotBeEmpty().And.AllSatisfy(call =>
        {
            var policy = call.Options!.Retry!.Policy!;
            policy.MaxNumberOfAttempts.Should().Be(6);
            policy.FirstRetryInterval.Should().Be(TimeSpan.FromSeconds(5));
            policy.BackoffCoefficient.Should().Be(2);
            policy.MaxRetryInterval.Should().Be(TimeSpan.FromMinutes(5));
            policy.RetryTimeout.Should().Be(Timeout.InfiniteTimeSpan);
        });
    }

    [Fact]
    public async Task A_failed_activity_reaches_the_orchestrator_as_its_own_failure_and_the_review_path_sets_status()
    {
        var decision = new ReviewDecision(ReviewChoice.Close, "coord-7");
        var context = new FakeOrchestrationContext(ReferralId, Now)
            .Answer(ScreenReferral.Name, () => new ScreeningResult(Outcome.Review, Urgency.Urgent, IsEmergency: false))
            .Answer(SendNotification.Name, () => throw new TaskFailedException(SendNotification.Name, 2,
                new TaskFailureDetails("System.TimeoutException", "SendGrid timed out", null, null)))
            .Raise(WorkflowEvents.ReviewDecided, decision);

        var status = await RunAsync(context);

        // The orchestrator catches only IptTriage.Durable.TaskFailedException: reaching Closed proves the mapping.
        status.Should().Be(ReferralStatus.Closed);
        context.Activities.Select(call => call.Name).Should().Equal(
            ScreenReferral.Name, SendNotification.Name, SendNotification.Name, RecordStep.Name, SendNotification.Name, ApplyReviewDecision.Name);
        context.Activities[^1].Input.Should().Be(JsonSerializer.Serialize<object>(new ReviewStep(ReferralId, decision)));
        context.EventsAwaited.Should().Equal(WorkflowEvents.ReviewDecided);
        context.Timers.Should().BeEmpty("the decision was already there, so no wait was timed");
    }

    [Fact]
    public void The_adapter_reports_the_Microsoft_context_identity_and_time()
    {
        var adapter = new DurableFunctionsContext(new FakeOrchestrationContext(ReferralId, Now), NullLoggerFactory.Instance);

        adapter.InstanceId.Should().Be(ReferralId);
        adapter.Name.Name.Should().Be("ReferralOrchestrator");
        adapter.CurrentUtcDateTime.Should().Be(Now);
        adapter.GetInput<string>().Should().Be(ReferralId);
    }

    [Fact]
    public void A_custom_status_set_through_the_adapter_reaches_the_Microsoft_context()
    {
        var context = new FakeOrchestrationContext(ReferralId, Now);

        new DurableFunctionsContext(context, NullLoggerFactory.Instance).SetCustomStatus("awaiting-review");

        context.CustomStatuses.Should().Equal("awaiting-review");
    }

    private static Task<ReferralStatus> RunAsync(FakeOrchestrationContext context) =>
        new ReferralOrchestratorFunction(Options, NullLoggerFactory.Instance).RunAsync(context);

    private static (string, string) Call(string activity, object input) => (activity, JsonSerializer.Serialize<object>(input));

    private static (string, string) Notice(NotificationKind kind) =>
        Call(SendNotification.Name, new NotificationRequest(ReferralId, kind, 1));
}
