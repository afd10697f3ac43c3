using System.Text.Json.Serialization;

namespace IptTriage.Durable.Core.History;

/// <summary>
/// One entry of an instance's history (or a message on its way into it). Names follow DurableTask.Core's history
/// events. Event ids number the orchestrator's durable steps in the order the code asked for them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
public abstract record HistoryEvent(DateTime Timestamp);

public sealed record ExecutionStartedEvent(DateTime Timestamp, string Name, string? Input) : HistoryEvent(Timestamp);

/// <summary>Marks the start of an episode; its timestamp is the orchestrator's CurrentUtcDateTime.</summary>
public sealed record OrchestratorStartedEvent(DateTime Timestamp) : HistoryEvent(Timestamp);

public sealed record TaskScheduledEvent(DateTime Timestamp, int EventId, string Name, string? Input) : HistoryEvent(Timestamp);

public sealed record TaskCompletedEvent(DateTime Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(Timestamp);

public sealed record TaskFailedEvent(DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails)
    : HistoryEvent(Timestamp);

public sealed record TimerCreatedEvent(DateTime Timestamp, int EventId, DateTime FireAt) : HistoryEvent(Timestamp);

public sealed record TimerFiredEvent(DateTime Timestamp, int TimerId, DateTime FireAt) : HistoryEvent(Timestamp);

public sealed record EventRaisedEvent(DateTime Timestamp, string Name, string? Input) : HistoryEvent(Timestamp);

public sealed record ExecutionCompletedEvent(
    DateTime Timestamp, OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails)
    : HistoryEvent(Timestamp);

public sealed record ExecutionTerminatedEvent(DateTime Timestamp, string? Input) : HistoryEvent(Timestamp);
