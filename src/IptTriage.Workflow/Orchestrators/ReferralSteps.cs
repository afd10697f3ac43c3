using Microsoft.DurableTask;
using IptTriage.Triage;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Logging;

namespace IptTriage.Workflow.Orchestrators;

/// <summary>The orchestration's vocabulary over its context: activities with retries, notices numbered per kind so
/// each is sent once, and waits that race an event against a durable timer.</summary>
internal sealed partial class ReferralSteps(TaskOrchestrationContext context, string referralId)
{
    // Activities touch the database and email; transient failures are retried with durable timers.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    private readonly Dictionary<NotificationKind, int> noticesSent = [];
    private readonly ILogger logger = context.CreateReplaySafeLogger<ReferralOrchestrator>();

    public string ReferralId => referralId;

    public Task<ScreeningResult> ScreenAsync() => CallAsync<ScreeningResult>(ScreenReferral.Name, referralId);

    public Task<T> CallAsync<T>(string activity, object input) => context.CallActivityAsync<T>(activity, input, Retry);

    public Task CallAsync(string activity, object input) => context.CallActivityAsync(activity, input, Retry);

    // No custom status: activities change the status too (offered, placed), so a copy here would go stale; the record
    // store is where the status is read.
    public Task RecordAsync(ReferralStatus status, string step, DateTime? dueAt = null, string? actor = null) =>
        CallAsync(RecordStep.Name, new StepRecord(referralId, status, step, Detail: null, dueAt, actor));

    /// <summary>A notice that cannot be sent is recorded and alerted by the activity; the referral goes on regardless.</summary>
    public async Task NotifyAsync(NotificationKind kind)
    {
        var sequence = noticesSent[kind] = noticesSent.GetValueOrDefault(kind) + 1;
        try
        {
            await CallAsync<NotificationOutcome>(SendNotification.Name, new NotificationRequest(referralId, kind, sequence));
        }
        catch (TaskFailedException failure)
        {
            LogNotificationFailed(referralId, WireCode.Of(kind), failure.FailureDetails.ErrorType);
        }
    }

    /// <summary>True when <paramref name="awaited"/> completes by <paramref name="deadline"/>; the losing timer is cancelled.</summary>
    public async Task<bool> WaitUntilAsync(Task awaited, DateTime deadline)
    {
        if (awaited.IsCompleted) return true;
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, cancelTimer.Token);
        if (await Task.WhenAny(awaited, timer) == timer) return false;
        // Cancel(), not CancelAsync(): its callbacks must run now, on the orchestration's own thread.
        cancelTimer.Cancel();
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Referral {ReferralId}: the {Kind} notice could not be sent ({ErrorType}); continuing")]
    private partial void LogNotificationFailed(string referralId, string kind, string errorType);
}
