using Google.Protobuf.WellKnownTypes;

namespace IptTriage.DurableTask.Sqlite.History;

/// <summary>
/// Builds the Durable Task protobuf history events this backend writes: the same messages, with the same fields set,
/// as the history Durable Functions keeps for an instance, so Microsoft's executor replays them as it replays there.
/// </summary>
internal static class HistoryEvents
{
    /// <summary>Event id of events that are not the orchestrator's own numbered steps (DurableTask.Core uses -1).</summary>
    private const int Unnumbered = -1;

    public static P.HistoryEvent ExecutionStarted(DateTime now, string instanceId, string executionId, string name, string? input) =>
        New(now, Unnumbered, e => e.ExecutionStarted = new P.ExecutionStartedEvent
        {
            Name = name,
            Input = input,
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = instanceId, ExecutionId = executionId },
        });

    public static P.HistoryEvent OrchestratorStarted(DateTime now) => New(now, Unnumbered, e => e.OrchestratorStarted = new P.OrchestratorStartedEvent());

    public static P.HistoryEvent OrchestratorCompleted(DateTime now) => New(now, Unnumbered, e => e.OrchestratorCompleted = new P.OrchestratorCompletedEvent());

    public static P.HistoryEvent TaskScheduled(DateTime now, int taskId, P.ScheduleTaskAction action) =>
        New(now, taskId, e => e.TaskScheduled = new P.TaskScheduledEvent { Name = action.Name, Version = action.Version, Input = action.Input });

    public static P.HistoryEvent TaskCompleted(DateTime now, int taskId, string? result) =>
        New(now, Unnumbered, e => e.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = taskId, Result = result });

    public static P.HistoryEvent TaskFailed(DateTime now, int taskId, P.TaskFailureDetails failure) =>
        New(now, Unnumbered, e => e.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = taskId, FailureDetails = failure });

    public static P.HistoryEvent TimerCreated(DateTime now, int timerId, Timestamp fireAt) =>
        New(now, timerId, e => e.TimerCreated = new P.TimerCreatedEvent { FireAt = fireAt });

    public static P.HistoryEvent TimerFired(DateTime fireAt, int timerId) =>
        New(fireAt, Unnumbered, e => e.TimerFired = new P.TimerFiredEvent { FireAt = Timestamp.FromDateTime(fireAt), TimerId = timerId });

    public static P.HistoryEvent EventRaised(DateTime now, string name, string? input) =>
        New(now, Unnumbered, e => e.EventRaised = new P.EventRaisedEvent { Name = name, Input = input });

    /// <summary>The sender's record of an event it sent (numbered by its SendEvent action, as DurableTask.Core numbers it).</summary>
    public static P.HistoryEvent EventSent(DateTime now, int eventId, P.SendEventAction action) =>
        New(now, eventId, e => e.EventSent = new P.EventSentEvent { InstanceId = action.Instance.InstanceId, Name = action.Name, Input = action.Data });

    public static P.HistoryEvent ExecutionTerminated(DateTime now, string? output) =>
        New(now, Unnumbered, e => e.ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = output });

    /// <param name="eventId">The id of the orchestrator's CompleteOrchestration action, as DurableTask.Core's dispatcher
    /// numbers the event (Azure Storage and Microsoft's in-memory test host alike); unnumbered when a termination ends
    /// the instance.</param>
    public static P.HistoryEvent ExecutionCompleted(DateTime now, P.OrchestrationStatus status, string? result, P.TaskFailureDetails? failure, int eventId = Unnumbered) =>
        New(now, eventId, e => e.ExecutionCompleted = new P.ExecutionCompletedEvent
        {
            OrchestrationStatus = status,
            Result = result,
            FailureDetails = failure,
        });

    /// <summary>Failure details as Microsoft's worker reports an exception (type, message, stack, inner failures).</summary>
    public static P.TaskFailureDetails Failure(Exception exception) => new()
    {
        ErrorType = exception.GetType().FullName ?? exception.GetType().Name,
        ErrorMessage = exception.Message,
        StackTrace = exception.StackTrace,
        InnerFailure = exception.InnerException is { } inner ? Failure(inner) : null,
    };

    /// <summary>A failure the backend itself reports (no such task, an action it cannot carry out): no retry can mend it.</summary>
    public static P.TaskFailureDetails Failure(string errorType, string message) =>
        new() { ErrorType = errorType, ErrorMessage = message, IsNonRetriable = true };

    public static TaskFailureDetails ToSdk(P.TaskFailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToSdk(inner) : null, null);

    private static P.HistoryEvent New(DateTime timestamp, int eventId, Action<P.HistoryEvent> set)
    {
        var historyEvent = new P.HistoryEvent { EventId = eventId, Timestamp = Timestamp.FromDateTime(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)) };
        set(historyEvent);
        return historyEvent;
    }
}
