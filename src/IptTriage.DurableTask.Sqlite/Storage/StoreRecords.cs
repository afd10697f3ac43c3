namespace IptTriage.DurableTask.Sqlite.Storage;

/// <summary>The stored row of an orchestration instance.</summary>
public sealed record InstanceRecord(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    string? Input,
    string? Output,
    string? CustomStatus,
    P.TaskFailureDetails? Failure);

/// <summary>A message for an instance (start, activity result, timer, event, terminate), invisible until <paramref name="VisibleAt"/>.</summary>
public sealed record QueuedMessage(long Id, string InstanceId, DateTime VisibleAt, P.HistoryEvent Event);

/// <summary>An activity to run for step <paramref name="TaskId"/> of an instance.</summary>
public sealed record ActivityWorkItem(long Id, string InstanceId, int TaskId, string Name, string? Input);

/// <summary>Everything still to do after a restart: messages not yet consumed and activities not yet completed.</summary>
public sealed record PendingWork(IReadOnlyList<QueuedMessage> Messages, IReadOnlyList<ActivityWorkItem> Activities, long MaxId);

/// <summary>The instance columns an episode changes.</summary>
public sealed record InstanceUpdate(
    OrchestrationRuntimeStatus Status, DateTime LastUpdatedAt, string? Output, string? CustomStatus, P.TaskFailureDetails? Failure);

/// <summary>One atomic change to the store. Each write is applied entirely or not at all.</summary>
public abstract record StoreWrite;

/// <summary>Creates the instance and its start message unless the id exists; applied = created.</summary>
public sealed record CreateInstanceWrite(InstanceRecord Instance, QueuedMessage StartMessage) : StoreWrite;

/// <summary>Queues a message for a pending or running instance; applied = queued (otherwise the instance is gone or finished).</summary>
public sealed record EnqueueMessageWrite(QueuedMessage Message) : StoreWrite;

/// <summary>
/// The result of one episode: history appended at <paramref name="FirstSequence"/>, the instance row updated
/// (unless <paramref name="Update"/> is null: messages for a missing or finished instance are only discarded), consumed
/// messages deleted, timers and activities queued, and events the orchestration sent (<paramref name="SentEvents"/>)
/// queued for their target instances in the same transaction, each only if its target is pending or running (an event
/// for a missing or finished instance is dropped, as Durable Functions drops it).
/// </summary>
public sealed record EpisodeWrite(
    string InstanceId,
    int FirstSequence,
    IReadOnlyList<P.HistoryEvent> NewHistory,
    InstanceUpdate? Update,
    IReadOnlyList<long> ConsumedMessageIds,
    IReadOnlyList<QueuedMessage> NewMessages,
    IReadOnlyList<ActivityWorkItem> NewActivities,
    IReadOnlyList<QueuedMessage>? SentEvents = null) : StoreWrite
{
    public IReadOnlyList<QueuedMessage> EventsSent => SentEvents ?? [];
}

/// <summary>Deletes a finished activity and queues its result for the instance.</summary>
public sealed record ActivityResultWrite(long ActivityId, QueuedMessage Result) : StoreWrite;

/// <summary>Deletes a finished instance with its history; applied = purged.</summary>
public sealed record PurgeInstanceWrite(string InstanceId) : StoreWrite;

/// <summary>A page of instances and the token for the next page (null on the last page).</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
