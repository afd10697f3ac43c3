using IptTriage.Durable.Core.History;
using Microsoft.Extensions.Logging;

namespace IptTriage.Durable.Core.Replay;

/// <summary>
/// The orchestration context of one episode. The code's durable calls get event ids in call order; history events
/// then confirm them (scheduled steps) or complete them (results), and calls not yet in history become new actions.
/// </summary>
internal sealed class ReplayContext(
    string instanceId, TaskName name, string? serializedInput, DataConverter converter, ILoggerFactory loggerFactory)
    : TaskOrchestrationContext
{
    private readonly Dictionary<int, IPendingTask> _openTasks = [];
    private readonly SortedDictionary<int, HistoryEvent> _unconfirmedActions = [];
    private readonly Dictionary<string, LinkedList<IPendingTask>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private int _nextEventId;
    private int _guidCounter;
    private bool _isReplaying = true;
    private DateTime _currentUtcDateTime;

    public override TaskName Name => name;

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => _currentUtcDateTime;

    public override bool IsReplaying => _isReplaying;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    public string? SerializedCustomStatus { get; private set; }

    /// <summary>Set when a timer or wait was cancelled off the orchestrator thread (such as by CancellationTokenSource.CancelAsync).</summary>
    public bool CancelledFromAnotherThread { get; private set; }

    /// <summary>Actions the code asked for that are not in the history yet, in event id order.</summary>
    public IEnumerable<HistoryEvent> NewActions => _unconfirmedActions.Values;

    public override T? GetInput<T>() where T : default => converter.Deserialize<T>(serializedInput);

    public override Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null) =>
        options?.Retry?.Policy is { } policy
            ? CallActivityWithRetryAsync<T>(name, input, policy)
            : ScheduleActivity<T>(name, converter.Serialize(input));

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        var eventId = _nextEventId++;
        var timer = new PendingTask<object?>($"timer #{eventId}", converter, failure => new TaskFailedException("timer", eventId, failure));
        _openTasks.Add(eventId, timer);
        _unconfirmedActions.Add(eventId, new TimerCreatedEvent(_currentUtcDateTime, eventId, AsUtc(fireAt)));
        cancellationToken.Register(() => OnCancelled(timer.Cancel));
        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EnsureOrchestratorThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var waiter = new PendingTask<T>($"event '{eventName}'", converter, failure => new TaskFailedException(eventName, -1, failure));
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var payload))
        {
            waiter.Complete(payload);
            return waiter.Task;
        }

        var waiters = GetOrAdd(_eventWaiters, eventName);
        var node = waiters.AddLast(waiter);
        cancellationToken.Register(() => OnCancelled(() =>
        {
            // A cancelled wait leaves no trace: the next event of this name goes to the next wait or the buffer.
            if (node.List is not null)
            {
                waiters.Remove(node);
            }

            waiter.Cancel();
        }));
        return waiter.Task;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        SerializedCustomStatus = converter.Serialize(customStatus);
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        return DeterministicGuid.Create($"{InstanceId}_{_currentUtcDateTime:o}_{_guidCounter++}");
    }

    internal void Apply(HistoryEvent historyEvent, bool isReplaying)
    {
        _isReplaying = isReplaying;
        switch (historyEvent)
        {
            case OrchestratorStartedEvent started:
                _currentUtcDateTime = started.Timestamp;
                break;
            case TaskScheduledEvent scheduled:
                ConfirmAction(scheduled.EventId, scheduled, $"activity '{scheduled.Name}'");
                break;
            case TimerCreatedEvent timer:
                ConfirmAction(timer.EventId, timer, "a timer");
                break;
            case TaskCompletedEvent completed:
                OpenTask(completed.TaskScheduledId).Complete(completed.Result);
                break;
            case TaskFailedEvent failed:
                OpenTask(failed.TaskScheduledId).Fail(failed.FailureDetails);
                break;
            case TimerFiredEvent fired:
                OpenTask(fired.TimerId).Complete(null);
                break;
            case EventRaisedEvent raised:
                DeliverEvent(raised);
                break;
        }
    }

    private async Task<T> CallActivityWithRetryAsync<T>(TaskName name, object? input, RetryPolicy policy)
    {
        var serializedInput = converter.Serialize(input);
        var firstAttemptAt = _currentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ScheduleActivity<T>(name, serializedInput);
            }
            catch (TaskFailedException) when (MayRetry(policy, attempt, firstAttemptAt))
            {
            }

            await CreateTimer(_currentUtcDateTime + policy.DelayBeforeRetry(attempt), CancellationToken.None);
        }
    }

    private bool MayRetry(RetryPolicy policy, int attempt, DateTime firstAttemptAt) =>
        attempt < policy.MaxNumberOfAttempts
        && (policy.RetryTimeout == Timeout.InfiniteTimeSpan
            || _currentUtcDateTime + policy.DelayBeforeRetry(attempt) - firstAttemptAt < policy.RetryTimeout);

    private Task<T> ScheduleActivity<T>(TaskName name, string? serializedInput)
    {
        EnsureOrchestratorThread();
        var eventId = _nextEventId++;
        var activity = new PendingTask<T>(
            $"activity '{name}' (#{eventId})", converter, failure => new TaskFailedException(name.Name, eventId, failure));
        _openTasks.Add(eventId, activity);
        _unconfirmedActions.Add(eventId, new TaskScheduledEvent(_currentUtcDateTime, eventId, name.Name, serializedInput));
        return activity.Task;
    }

    private void ConfirmAction(int eventId, HistoryEvent recorded, string recordedDescription)
    {
        if (!_unconfirmedActions.Remove(eventId, out var requested))
        {
            throw new NonDeterministicOrchestrationException(
                eventId, $"in the history is {recordedDescription}, but the orchestrator code did not ask for it.");
        }

        var matches = (recorded, requested) switch
        {
            (TaskScheduledEvent r, TaskScheduledEvent q) => string.Equals(r.Name, q.Name, StringComparison.OrdinalIgnoreCase),
            (TimerCreatedEvent, TimerCreatedEvent) => true,
            _ => false,
        };
        if (!matches)
        {
            throw new NonDeterministicOrchestrationException(
                eventId, $"in the history is {recordedDescription}, but the orchestrator code asked for {Describe(requested)}.");
        }
    }

    private IPendingTask OpenTask(int eventId) => _openTasks.TryGetValue(eventId, out var task)
        ? task
        : throw new NonDeterministicOrchestrationException(
            eventId, "has a result in the history, but the orchestrator code did not ask for that step.");

    private void DeliverEvent(EventRaisedEvent raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.Complete(raised.Input);
            return;
        }

        GetOrAdd(_bufferedEvents, raised.Name).Enqueue(raised.Input);
    }

    private static string Describe(HistoryEvent action) => action switch
    {
        TaskScheduledEvent scheduled => $"activity '{scheduled.Name}'",
        TimerCreatedEvent => "a timer",
        _ => action.GetType().Name,
    };

    // Like Durable Functions, a time without a kind is taken as UTC (converting it as local time would move the timer by the server's offset).
    private static DateTime AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private void OnCancelled(Action cancel)
    {
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            CancelledFromAnotherThread = true;
            return;
        }

        cancel();
    }

    private void EnsureOrchestratorThread()
    {
        if (Environment.CurrentManagedThreadId != _threadId)
        {
            throw new InvalidOperationException(
                $"Orchestration '{InstanceId}' called its context from another thread. Orchestrator code must not use " +
                "Task.Run, ConfigureAwait(false) or non-durable waits.");
        }
    }

    private static TValue GetOrAdd<TValue>(Dictionary<string, TValue> map, string key) where TValue : new()
    {
        if (!map.TryGetValue(key, out var value))
        {
            map[key] = value = new TValue();
        }

        return value;
    }
}
