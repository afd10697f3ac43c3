using Microsoft.DurableTask;
using IptTriage.Triage;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Logging;

namespace IptTriage.Workflow.Orchestrators;

/// <summary>The orchestration's vocabulary over its context: activities with retries, notices numbered per kind so
/// each is sent once, and waits that race an event against a durable timer. Every wait also races a close
/// (<see cref="WorkflowEvents.CaseClosed"/>, awaited from the start): when the close comes first the wait throws
/// <see cref="CaseClosedSignal"/>, its timer cancelled, and the orchestration ends the case from wherever it was.</summary>
internal sealed partial class ReferralSteps(TaskOrchestrationContext context, string referralId)
{
    // Activities touch the database and email; transient failures are retried with durable timers.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    private readonly Dictionary<NotificationKind, int> noticesSent = [];
    private readonly ILogger logger = context.CreateReplaySafeLogger<ReferralOrchestrator>();
    private readonly Task<CaseClosure> closed = context.WaitForExternalEvent<CaseClosure>(WorkflowEvents.CaseClosed);

    // Armed at the first offer and again after each reply it takes, so no reply is taken by a stale waiter.
    private Task<ClinicResponse>? replies;

    public string ReferralId => referralId;

    public Task<ScreeningResult> ScreenAsync() => CallAsync<ScreeningResult>(ScreenReferral.Name, referralId);

    public Task<T> CallAsync<T>(string activity, object input) => context.CallActivityAsync<T>(activity, input, Retry);

    public Task CallAsync(string activity, object input) => context.CallActivityAsync(activity, input, Retry);

    // No custom status: activities change the status too (offered, placed), so a copy here would go stale; the record
    // store is where the status is read.
    public Task RecordAsync(ReferralStatus status, string step, DateTime? dueAt = null, string? actor = null) =>
        CallAsync(RecordStep.Name, new StepRecord(referralId, status, step, Detail: null, dueAt, actor));

    /// <summary>A notice that cannot be sent is recorded and alerted by the activity; the referral goes on regardless.
    /// <paramref name="nextEscalationAt"/>: see <see cref="NotificationRequest.NextEscalationAt"/>.</summary>
    public async Task NotifyAsync(NotificationKind kind, DateTime? nextEscalationAt = null)
    {
        var sequence = noticesSent[kind] = noticesSent.GetValueOrDefault(kind) + 1;
        try
        {
            await CallAsync<NotificationOutcome>(SendNotification.Name, new NotificationRequest(referralId, kind, sequence, nextEscalationAt));
        }
        catch (TaskFailedException failure)
        {
            LogNotificationFailed(referralId, WireCode.Of(kind), failure.FailureDetails.ErrorType);
        }
    }

    /// <summary>True when <paramref name="awaited"/> completes by <paramref name="deadline"/>; the losing timer is cancelled.</summary>
    /// <exception cref="CaseClosedSignal">The case was closed first.</exception>
    public async Task<bool> WaitUntilAsync(Task awaited, DateTime deadline)
    {
        await ThrowIfClosedAsync();
        if (awaited.IsCompleted) return true;
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, cancelTimer.Token);
        var first = await Task.WhenAny(awaited, timer, closed);
        if (first == timer) return false;
        // Cancel(), not CancelAsync(): its callbacks must run now, on the orchestration's own thread.
        cancelTimer.Cancel();
        if (first == closed) await ThrowIfClosedAsync();
        return true;
    }

    /// <summary><paramref name="awaited"/>'s result, unless the case is closed first.</summary>
    /// <exception cref="CaseClosedSignal">The case was closed first.</exception>
    public async Task<T> WaitAsync<T>(Task<T> awaited)
    {
        await ThrowIfClosedAsync();
        if (await Task.WhenAny(awaited, closed) == closed && !awaited.IsCompleted) await ThrowIfClosedAsync();
        return await awaited;
    }

    /// <summary>Whichever of <paramref name="awaited"/> completes first, unless the case is closed first.</summary>
    /// <exception cref="CaseClosedSignal">The case was closed first.</exception>
    public async Task<Task> FirstOfAsync(params Task[] awaited)
    {
        await ThrowIfClosedAsync();
        var first = await Task.WhenAny([.. awaited, closed]);
        if (first == closed) await ThrowIfClosedAsync();
        return first;
    }

    /// <summary>Offers the case to <paramref name="clinicId"/> (its slot already reserved) and waits for its answer by
    /// <paramref name="respondBy"/>; true when it accepts. A decline or a timeout gives the slot back, and the slot is
    /// offered on to the unplaced cases that match the clinic.</summary>
    public async Task<bool> AwaitOfferAsync(string clinicId, DateTime respondBy)
    {
        await NotifyAsync(NotificationKind.ClinicCaseOffered);
        var (end, answeredBy) = (OfferEnd.TimedOut, (string?)null);
        replies ??= context.WaitForExternalEvent<ClinicResponse>(WorkflowEvents.ClinicResponded);
        while (await WaitUntilAsync(replies, respondBy))
        {
            var reply = await replies;
            replies = context.WaitForExternalEvent<ClinicResponse>(WorkflowEvents.ClinicResponded);
            // A late reply to an earlier offer is not an answer from this clinic.
            if (reply.ClinicId != clinicId) continue;
            (end, answeredBy) = (reply.Accept ? OfferEnd.Accepted : OfferEnd.Declined, reply.By);
            break;
        }

        await CallAsync(CloseClinicOffer.Name, new OfferOutcome(referralId, clinicId, end, answeredBy));
        if (end == OfferEnd.Accepted) return true;
        await OfferFreedSlotAsync(clinicId);
        return false;
    }

    /// <summary>Tells the unplaced cases that match <paramref name="clinicId"/>, best first, that it has room again.</summary>
    public async Task OfferFreedSlotAsync(string clinicId)
    {
        foreach (var waiting in await CallAsync<string[]>(FindCasesForSlot.Name, clinicId))
            context.SendEvent(waiting, WorkflowEvents.SlotFreed, new FreedSlot(clinicId));
    }

    /// <summary>Waits for a close only; always throws.</summary>
    /// <exception cref="CaseClosedSignal">The case was closed.</exception>
    public async Task WaitForCloseAsync()
    {
        await closed;
        await ThrowIfClosedAsync();
    }

    private async Task ThrowIfClosedAsync()
    {
        if (closed.IsCompleted) throw new CaseClosedSignal(await closed);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Referral {ReferralId}: the {Kind} notice could not be sent ({ErrorType}); continuing")]
    private partial void LogNotificationFailed(string referralId, string kind, string errorType);
}

/// <summary>Thrown from a wait when the case was closed first; the orchestration catches it at the top and ends the case.</summary>
internal sealed class CaseClosedSignal(CaseClosure closure) : Exception("The case was closed while the workflow waited.")
{
    public CaseClosure Closure => closure;
}
