using Microsoft.DurableTask;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Orchestrators;

/// <summary>One referral from screening to the end of its care (<c>docs/workflow.md</c>). The input is the referral id
/// and nothing else: activities load what they need, so no personal data enters orchestration history.
/// Deterministic: time comes from the context, and every side effect is an activity.</summary>
public sealed class ReferralOrchestrator(WorkflowOptions options) : TaskOrchestrator<string, ReferralStatus>
{
    public const string Name = nameof(ReferralOrchestrator);

    public override async Task<ReferralStatus> RunAsync(TaskOrchestrationContext context, string referralId)
    {
        var steps = new ReferralSteps(context, referralId);
        try
        {
            return await WorkCaseAsync(context, steps);
        }
        catch (CaseClosedSignal signal)
        {
            await CloseAsync(steps, signal.Closure);
            return ReferralStatus.Closed;
        }
    }

    private async Task<ReferralStatus> WorkCaseAsync(TaskOrchestrationContext context, ReferralSteps steps)
    {
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
        return await AwaitEndOfCareAsync(context, steps);
    }

    /// <summary>Step 4: alert at once, then escalate every interval until someone acknowledges, up to the limit.</summary>
    private async Task HandleEmergencyAsync(TaskOrchestrationContext context, ReferralSteps steps)
    {
        // Each wait ends at the deadline recorded for it, so the due time the worklists show is when the next escalation goes.
        var interval = options.EmergencyEscalationInterval;
        var due = context.CurrentUtcDateTime + interval;
        await steps.RecordAsync(ReferralStatus.Emergency, "emergency", due);
        await steps.NotifyAsync(NotificationKind.CrisisTeamAlert);
        await steps.NotifyAsync(NotificationKind.ClientCrisisResources);

        using var stopWaiting = new CancellationTokenSource();
        var acknowledged = context.WaitForExternalEvent<CrisisAcknowledgement>(WorkflowEvents.CrisisAcknowledged, stopWaiting.Token);
        for (var escalation = 1; escalation <= options.MaxEmergencyEscalations; escalation++)
        {
            if (await steps.WaitUntilAsync(acknowledged, due))
            {
                await steps.RecordAsync(ReferralStatus.Placing, "crisis-acknowledged", actor: (await acknowledged).By);
                return;
            }
            due = context.CurrentUtcDateTime + interval;
            await steps.NotifyAsync(NotificationKind.SupervisorEscalation, escalation < options.MaxEmergencyEscalations ? due : null);
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

        var decision = await steps.WaitAsync(decided);
        await steps.CallAsync(ApplyReviewDecision.Name, new ReviewStep(steps.ReferralId, decision));
        return decision.Decision;
    }

    /// <summary>Step 6: offer clinic after clinic until one accepts; every offer adds its clinic to the tried list, so
    /// the directory bounds the loop. With none left the case is unplaced until a slot frees at a clinic that matches
    /// it or a coordinator chooses a clinic; either is an offer like the others. Returns the clinic that accepted.</summary>
    private async Task<string> PlaceAsync(TaskOrchestrationContext context, ReferralSteps steps, Urgency urgency)
    {
        DateTime RespondBy() => context.CurrentUtcDateTime + options.ClinicResponseDeadline(urgency);
        var tried = new List<string>();
        var respondBy = RespondBy();
        while (await steps.CallAsync<string?>(OfferToNextClinic.Name, new PlacementRequest(steps.ReferralId, tried, respondBy)) is { } clinicId)
        {
            if (await steps.AwaitOfferAsync(clinicId, respondBy)) return clinicId;
            tried.Add(clinicId);
            respondBy = RespondBy();
        }

        await steps.NotifyAsync(NotificationKind.CoordinatorUnplaced);
        var chosen = context.WaitForExternalEvent<ManualPlacementRequest>(WorkflowEvents.ManualPlacement);
        var freed = context.WaitForExternalEvent<FreedSlot>(WorkflowEvents.SlotFreed);
        for (var chance = 1; chance <= options.MaxPlacementChances; chance++)
        {
            ClinicOffer offer;
            if (await steps.FirstOfAsync(chosen, freed) == chosen)
            {
                var request = await chosen;
                chosen = context.WaitForExternalEvent<ManualPlacementRequest>(WorkflowEvents.ManualPlacement);
                offer = new ClinicOffer(steps.ReferralId, request.ClinicId, RespondBy(), request.By, request.OverCapacityAllowed);
            }
            else
            {
                var slot = await freed;
                freed = context.WaitForExternalEvent<FreedSlot>(WorkflowEvents.SlotFreed);
                // A clinic that has declined the case, or let its offer lapse, is not asked again unless a coordinator chooses it.
                if (tried.Contains(slot.ClinicId)) continue;
                offer = new ClinicOffer(steps.ReferralId, slot.ClinicId, RespondBy());
            }

            if (!await steps.CallAsync<bool>(OfferToClinic.Name, offer)) continue;
            if (await steps.AwaitOfferAsync(offer.ClinicId, offer.RespondBy)) return offer.ClinicId;
            tried.Add(offer.ClinicId);
            await steps.RecordAsync(ReferralStatus.Unplaced, "unplaced");
            await steps.NotifyAsync(NotificationKind.CoordinatorUnplaced);
        }

        // History stays bounded: a case that used all its chances is a supervisor's to close.
        await steps.NotifyAsync(NotificationKind.SupervisorEscalation);
        await steps.WaitForCloseAsync();
        throw new InvalidOperationException("Unreachable: only a close ends the wait.");
    }

    /// <summary>Placed: the case holds its slot until the clinic ends care (or a coordinator closes it); then the slot is
    /// offered on.</summary>
    private static async Task<ReferralStatus> AwaitEndOfCareAsync(TaskOrchestrationContext context, ReferralSteps steps)
    {
        var end = await steps.WaitAsync(context.WaitForExternalEvent<CareEnd>(WorkflowEvents.CareEnded));
        if (await steps.CallAsync<string?>(DischargeCase.Name, new CaseDischarge(steps.ReferralId, end)) is { } released)
            await steps.OfferFreedSlotAsync(released);
        return ReferralStatus.Discharged;
    }

    /// <summary>A close from any wait: the slot an offer or placement held is released and offered on, the clinic told
    /// the case is withdrawn, and the client and referrer told it is closed (no reason: that is for the audit trail).</summary>
    private static async Task CloseAsync(ReferralSteps steps, CaseClosure closure)
    {
        if (await steps.CallAsync<string?>(CloseCase.Name, new CaseClosing(steps.ReferralId, closure)) is { } released)
        {
            await steps.NotifyAsync(NotificationKind.ClinicCaseWithdrawn);
            await steps.OfferFreedSlotAsync(released);
        }
        await steps.NotifyAsync(NotificationKind.ClientCaseClosed);
        await steps.NotifyAsync(NotificationKind.ReferrerCaseClosed);
    }
}
