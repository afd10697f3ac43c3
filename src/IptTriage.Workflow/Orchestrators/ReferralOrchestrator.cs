using Microsoft.DurableTask;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Orchestrators;

/// <summary>One referral from screening to placement (<c>docs/workflow.md</c>). The input is the referral id and
/// nothing else: activities load what they need, so no personal data enters orchestration history.
/// Deterministic: time comes from the context, and every side effect is an activity.</summary>
public sealed class ReferralOrchestrator(WorkflowOptions options) : TaskOrchestrator<string, ReferralStatus>
{
    public const string Name = nameof(ReferralOrchestrator);

    public override async Task<ReferralStatus> RunAsync(TaskOrchestrationContext context, string referralId)
    {
        var steps = new ReferralSteps(context, referralId);

        // Screening is pure and fast, so it runs before the acknowledgements: an emergency alert must not wait on email.
        var screening = await steps.ScreenAsync();
        if (screening.Outcome == Outcome.Invalid)
        {
            await steps.NotifyAsync(NotificationKind.CoordinatorInvalidForm);
            return ReferralStatus.Invalid;
        }

        if (screening.IsEmergency) await HandleEmergencyAsync(context, steps);
        await steps.NotifyAsync(NotificationKind.ClientReceived);
        await steps.NotifyAsync(NotificationKind.ReferrerReceived);

        if (screening.Outcome == Outcome.Review && await AwaitReviewAsync(context, steps, screening.Urgency) == ReviewChoice.Close)
            return ReferralStatus.Closed;

        await PlaceAsync(context, steps, screening.Urgency);
        await steps.NotifyAsync(NotificationKind.ClientNextSteps);
        await steps.NotifyAsync(NotificationKind.ReferrerOutcome);
        return ReferralStatus.Placed;
    }

    /// <summary>Step 4: alert at once, then escalate every interval until someone acknowledges, up to the limit.</summary>
    private async Task HandleEmergencyAsync(TaskOrchestrationContext context, ReferralSteps steps)
    {
        var interval = options.EmergencyEscalationInterval;
        await steps.RecordAsync(ReferralStatus.Emergency, "emergency", context.CurrentUtcDateTime + interval);
        await steps.NotifyAsync(NotificationKind.CrisisTeamAlert);
        await steps.NotifyAsync(NotificationKind.ClientCrisisResources);

        using var stopWaiting = new CancellationTokenSource();
        var acknowledged = context.WaitForExternalEvent<CrisisAcknowledgement>(WorkflowEvents.CrisisAcknowledged, stopWaiting.Token);
        for (var escalation = 1; escalation <= options.MaxEmergencyEscalations; escalation++)
        {
            if (await steps.WaitUntilAsync(acknowledged, context.CurrentUtcDateTime + interval))
            {
                await steps.RecordAsync(ReferralStatus.Placing, "crisis-acknowledged", actor: (await acknowledged).By);
                return;
            }
            await steps.NotifyAsync(NotificationKind.SupervisorEscalation);
        }

        stopWaiting.Cancel(); // synchronously, on the orchestration's thread (see ReferralSteps.WaitUntilAsync)
        await steps.RecordAsync(ReferralStatus.Placing, "unacknowledged-emergency");
    }

    /// <summary>Step 5: a reminder at half time, an escalation at the deadline, then keep waiting for the coordinator.</summary>
    private async Task<ReviewChoice> AwaitReviewAsync(TaskOrchestrationContext context, ReferralSteps steps, Urgency urgency)
    {
        var requestedAt = context.CurrentUtcDateTime;
        var deadline = options.ReviewDeadline(urgency);
        await steps.RecordAsync(ReferralStatus.AwaitingReview, "review-requested", requestedAt + deadline);
        await steps.NotifyAsync(NotificationKind.CoordinatorReviewRequested);

        var decided = context.WaitForExternalEvent<ReviewDecision>(WorkflowEvents.ReviewDecided);
        if (!await steps.WaitUntilAsync(decided, requestedAt + deadline / 2))
        {
            await steps.NotifyAsync(NotificationKind.CoordinatorReviewReminder);
            if (!await steps.WaitUntilAsync(decided, requestedAt + deadline))
                await steps.NotifyAsync(NotificationKind.SupervisorEscalation);
        }

        var decision = await decided;
        await steps.CallAsync(ApplyReviewDecision.Name, new ReviewStep(steps.ReferralId, decision));
        return decision.Decision;
    }

    /// <summary>Step 6: offer clinic after clinic until one accepts; with none left, wait for a coordinator to place
    /// the case by hand. Every offer adds its clinic to the tried list, so the directory bounds the loop.</summary>
    private async Task PlaceAsync(TaskOrchestrationContext context, ReferralSteps steps, Urgency urgency)
    {
        var tried = new List<string>();
        var replies = context.WaitForExternalEvent<ClinicResponse>(WorkflowEvents.ClinicResponded);
        var respondBy = context.CurrentUtcDateTime + options.ClinicResponseDeadline(urgency);
        while (await steps.CallAsync<string?>(OfferToNextClinic.Name, new PlacementRequest(steps.ReferralId, tried, respondBy)) is { } clinicId)
        {
            await steps.NotifyAsync(NotificationKind.ClinicCaseOffered);
            var end = OfferEnd.TimedOut;
            string? answeredBy = null;
            while (await steps.WaitUntilAsync(replies, respondBy))
            {
                var reply = await replies;
                replies = context.WaitForExternalEvent<ClinicResponse>(WorkflowEvents.ClinicResponded);
                // A late reply to an earlier offer is not an answer from this clinic.
                if (reply.ClinicId != clinicId) continue;
                (end, answeredBy) = (reply.Accept ? OfferEnd.Accepted : OfferEnd.Declined, reply.By);
                break;
            }

            await steps.CallAsync(CloseClinicOffer.Name, new OfferOutcome(steps.ReferralId, clinicId, end, answeredBy));
            if (end == OfferEnd.Accepted) return;
            tried.Add(clinicId);
            respondBy = context.CurrentUtcDateTime + options.ClinicResponseDeadline(urgency);
        }

        await steps.NotifyAsync(NotificationKind.CoordinatorUnplaced);
        var placement = await context.WaitForExternalEvent<ManualPlacementRequest>(WorkflowEvents.ManualPlacement);
        await steps.CallAsync(PlaceManually.Name, new ManualPlacementStep(steps.ReferralId, placement));
    }
}
