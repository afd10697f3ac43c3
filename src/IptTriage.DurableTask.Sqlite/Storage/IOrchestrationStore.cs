namespace IptTriage.DurableTask.Sqlite.Storage;

/// <summary>
/// Durable state of the engine: instances, their histories, queued messages and activities. The engine schedules
/// work in memory and uses the store as its write-ahead record; one engine owns a store at a time.
/// </summary>
public interface IOrchestrationStore : IAsyncDisposable
{
    /// <summary>Creates the schema if needed, takes ownership, and returns the work left from a previous run.</summary>
    Task<PendingWork> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Applies one write atomically; returns whether it was applied (see each write's meaning).</summary>
    Task<bool> WriteAsync(StoreWrite write, CancellationToken cancellationToken);

    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    Task<InstancePage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken);
}
