using IptTriage.Functions.Tests.Intake;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Tests.Orchestration;

/// <summary>The app's orchestrator function and activity functions on Microsoft's executor (<see cref="FunctionsTaskHub"/>):
/// referrals taken in through the queue function, decided through the Durable client, with the real activities
/// writing real records. What the orchestration does is checked at the boundary Durable Functions sees: the activity
/// functions called, by name, with the inputs they received.</summary>
public sealed class ReferralOrchestratorFunctionTests
{
    private const string Routed = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string UrgentReview = "0301-review-risk-cssrs-moderate-method.json";

    [Fact]
    public async Task A_routed_referral_is_offered_to_a_clinic_placed_when_the_clinic_accepts_and_discharged_when_care_ends()
    {
        await using var hub = await FunctionsTaskHub.StartAsync();
        await ReferralIntakeFunctionTests.DeliverAsync(hub, Sample(Routed), "msg-routed");
        var offered = await WaitForRecordAsync(hub, "SMP-0101", ReferralStatus.AwaitingClinic);

        await hub.Client.RaiseEventAsync("SMP-0101", WorkflowEvents.ClinicResponded, new ClinicResponse(offered.ClinicId!, Accept: true, By: "user:clinic-staff"));
        await WaitForRecordAsync(hub, "SMP-0101", ReferralStatus.Placed);
        await hub.Client.RaiseEventAsync("SMP-0101", WorkflowEvents.CareEnded, new CareEnd(DischargeReason.Completed, "user:clinic-staff"));
        var done = await hub.WaitForCompletionAsync("SMP-0101");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        done.ReadOutputAs<ReferralStatus>().Should().Be(ReferralStatus.Discharged);
        (await Records(hub).FindAsync("SMP-0101"))!.Should().Match<ReferralRecord>(record =>
            record.Status == ReferralStatus.Discharged && record.ClinicId == offered.ClinicId);
        Calls(hub).Select(call => call.Name).Should().Equal(
            ScreenReferral.Name, SendNotification.Name, SendNotification.Name,
            OfferToNextClinic.Name, SendNotification.Name, CloseClinicOffer.Name,
            SendNotification.Name, SendNotification.Name, DischargeCase.Name, FindCasesForSlot.Name);
        Calls(hub)[^1].Should().Be(Call(FindCasesForSlot.Name, offered.ClinicId!), "the freed slot is offered on");
        Calls(hub)[0].Should().Be(Call(ScreenReferral.Name, "SMP-0101"));
        Inputs<PlacementRequest>(hub, OfferToNextClinic.Name).Single().ClinicsTried.Should().BeEmpty();
        Calls(hub).Where(call => call.Name == SendNotification.Name).Should().Equal(
            Notice("SMP-0101", NotificationKind.ClientReceived),
            Notice("SMP-0101", NotificationKind.ReferrerReceived),
            Notice("SMP-0101", NotificationKind.ClinicCaseOffered),
            Notice("SMP-0101", NotificationKind.ClientNextSteps),
            Notice("SMP-0101", NotificationKind.ReferrerOutcome));
        Inputs<OfferOutcome>(hub, CloseClinicOffer.Name).Should().Equal(new OfferOutcome("SMP-0101", offered.ClinicId!, OfferEnd.Accepted, "user:clinic-staff"));
    }

    [Fact]
    public async Task A_review_decision_raised_as_soon_as_the_referral_is_taken_in_is_kept_until_awaited_and_closes_it()
    {
        await using var hub = await FunctionsTaskHub.StartAsync();
        var decision = new ReviewDecision(ReviewChoice.Close, "coord-7");

        await ReferralIntakeFunctionTests.DeliverAsync(hub, Sample(UrgentReview), "msg-review");
        await hub.Client.RaiseEventAsync("SMP-0301", WorkflowEvents.ReviewDecided, decision);
        var done = await hub.WaitForCompletionAsync("SMP-0301");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        done.ReadOutputAs<ReferralStatus>().Should().Be(ReferralStatus.Closed);
        (await Records(hub).FindAsync("SMP-0301"))!.Status.Should().Be(ReferralStatus.Closed);
        Inputs<StepRecord>(hub, RecordStep.Name).Select(step => (step.Status, step.Step))
            .Should().Contain((ReferralStatus.AwaitingReview, "review-requested"));
        var calls = Calls(hub);
        calls.Should().NotContain(call => call.Name == OfferToNextClinic.Name, "a closed referral is offered to no clinic");
        calls[^1].Should().Be(Call(ApplyReviewDecision.Name, new ReviewStep("SMP-0301", decision)),
            "the decision reaches the activity as the coordinator made it, through Azure's serializer");
    }

    [Fact]
    public async Task Offers_no_clinic_answers_time_out_on_durable_timers_and_the_unplaced_referral_can_be_closed()
    {
        // Short offers, so the timers fire within the test; nothing here depends on how long they take.
        await using var hub = await FunctionsTaskHub.StartAsync(new() { ["Workflow:RoutineClinicResponseDeadline"] = "00:00:01" });
        var closure = new CaseClosure(CloseReason.ReferredElsewhere, "user:coord-7");

        await ReferralIntakeFunctionTests.DeliverAsync(hub, Sample(Routed), "msg-unanswered");
        await WaitForRecordAsync(hub, "SMP-0101", ReferralStatus.Unplaced);
        await hub.Client.RaiseEventAsync("SMP-0101", WorkflowEvents.CaseClosed, closure);
        var done = await hub.WaitForCompletionAsync("SMP-0101");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        done.ReadOutputAs<ReferralStatus>().Should().Be(ReferralStatus.Closed);
        var closed = Inputs<OfferOutcome>(hub, CloseClinicOffer.Name);
        closed.Should().NotBeEmpty().And.AllSatisfy(outcome => outcome.End.Should().Be(OfferEnd.TimedOut));
        closed.Select(outcome => outcome.ClinicId).Should().OnlyHaveUniqueItems("each clinic is offered the case once");
        Inputs<PlacementRequest>(hub, OfferToNextClinic.Name).Select(request => request.ClinicsTried.Count)
            .Should().Equal(Enumerable.Range(0, closed.Count + 1), "every offer adds its clinic to the tried list, and the last search finds none left");
        Calls(hub).Should().ContainInOrder(
            Notice("SMP-0101", NotificationKind.CoordinatorUnplaced),
            Call(CloseCase.Name, new CaseClosing("SMP-0101", closure)),
            Notice("SMP-0101", NotificationKind.ClientCaseClosed),
            Notice("SMP-0101", NotificationKind.ReferrerCaseClosed));
        Calls(hub).Should().NotContain(Notice("SMP-0101", NotificationKind.ClinicCaseWithdrawn), "an unplaced case holds no clinic's slot");
    }

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "intake", name));

    private static IRecordStore Records(FunctionsTaskHub hub) => hub.Services.GetRequiredService<IRecordStore>();

    private static List<(string Name, string Input)> Calls(FunctionsTaskHub hub) => [.. hub.ActivityCalls];

    private static (string, string) Call(string activity, object input) => (activity, FunctionsTaskHub.Serialize(input));

    private static List<T> Inputs<T>(FunctionsTaskHub hub, string activity) =>
        [.. Calls(hub).Where(call => call.Name == activity).Select(call => FunctionsTaskHub.Deserialize<T>(call.Input))];

    private static (string, string) Notice(string referralId, NotificationKind kind) =>
        Call(SendNotification.Name, new NotificationRequest(referralId, kind, 1));

    /// <summary>The record once an activity has moved it to <paramref name="status"/>; bounded, so a stuck referral fails.</summary>
    private static async Task<ReferralRecord> WaitForRecordAsync(FunctionsTaskHub hub, string referralId, ReferralStatus status)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await Records(hub).FindAsync(referralId, guard.Token) is { } record && record.Status == status) return record;
            await Task.Delay(25, guard.Token);
        }
    }
}
