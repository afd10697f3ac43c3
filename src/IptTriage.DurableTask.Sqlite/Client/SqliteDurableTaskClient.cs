using DurableTask.Core.Exceptions;
using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.History;
using IptTriage.DurableTask.Sqlite.Storage;
using Microsoft.Extensions.Options;

namespace IptTriage.DurableTask.Sqlite.Client;

/// <summary>
/// Microsoft's <see cref="DurableTaskClient"/> over the embedded engine: writes go through the engine so they are
/// scheduled once committed; reads come from the store. Registered by <c>AddDurableTaskClient(b =&gt; b.UseSqlite())</c>.
/// </summary>
public sealed class SqliteDurableTaskClient(string name, DurableEngine engine, IOptionsMonitor<DurableTaskClientOptions> options)
    : DurableTaskClient(name)
{
    private readonly DataConverter converter = options.Get(name).DataConverter;

    /// <summary>Starts an instance. An id that exists, in any status, is never replaced: the call throws
    /// <see cref="OrchestrationAlreadyExistsException"/>, as Microsoft's backends do for an id in their dedupe statuses.</summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.StartAt is not null)
            throw new NotSupportedException("The embedded SQLite backend does not support delayed starts (StartOrchestrationOptions.StartAt).");

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options.InstanceId));
        await engine.EnsureOpenAsync(cancellation); // message ids are numbered from what the store already holds
        var now = engine.UtcNow;
        var serializedInput = converter.Serialize(input);
        var start = new QueuedMessage(engine.NextId(), instanceId, now,
            HistoryEvents.ExecutionStarted(now, instanceId, Guid.NewGuid().ToString("N"), orchestratorName.Name, serializedInput));
        var instance = new InstanceRecord(instanceId, orchestratorName.Name, OrchestrationRuntimeStatus.Pending, now, now, serializedInput, null, null, null);
        if (!await engine.SubmitAsync(new CreateInstanceWrite(instance, start), start))
            throw new OrchestrationAlreadyExistsException($"An orchestration with instance id '{instanceId}' already exists.");
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return EnqueueAsync(instanceId, HistoryEvents.EventRaised(engine.UtcNow, eventName, converter.Serialize(eventPayload)), cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return EnqueueAsync(instanceId, HistoryEvents.ExecutionTerminated(engine.UtcNow, converter.Serialize(options?.Output)), cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The embedded SQLite backend does not support suspending instances.");

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The embedded SQLite backend does not support suspending instances.");

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await engine.EnsureOpenAsync(cancellation);
        var record = await engine.Store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
        return record is null ? null : ToMetadata(record);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await engine.EnsureOpenAsync(cancellation);
        var purged = await engine.Store.WriteAsync(new PurgeInstanceWrite(instanceId), CancellationToken.None);
        return new PurgeResult(purged ? 1 : 0);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var query = new OrchestrationQuery(filter.CreatedFrom, filter.CreatedTo, filter.Statuses?.ToList() ?? [.. FinishedStatuses]);
        // Collected first: purging while paging would move the cursor under the query. The store purges only finished
        // instances, so a running one the filter named is left and not counted.
        var matching = await GetAllInstancesAsync(query).Select(instance => instance.InstanceId).ToListAsync(cancellation);
        var purged = 0;
        foreach (var instanceId in matching)
        {
            purged += (await PurgeInstanceAsync(instanceId, options, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        var query = filter ?? new OrchestrationQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(filter.PageSize));
        return Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            await engine.EnsureOpenAsync(cancellation);
            var page = await engine.Store.QueryInstancesAsync(
                query with { ContinuationToken = continuation ?? query.ContinuationToken, PageSize = pageSize ?? query.PageSize }, cancellation);
            return new Page<OrchestrationMetadata>([.. page.Instances.Select(r => ToMetadata(r))], page.ContinuationToken);
        });
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask; // the engine, not the client, owns the store

    private static readonly OrchestrationRuntimeStatus[] FinishedStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private async Task EnqueueAsync(string instanceId, P.HistoryEvent historyEvent, CancellationToken cancellation)
    {
        await engine.EnsureOpenAsync(cancellation);
        var message = new QueuedMessage(engine.NextId(), instanceId, historyEvent.Timestamp.ToDateTime(), historyEvent);
        await engine.SubmitAsync(new EnqueueMessageWrite(message), message);
    }

    private async Task<OrchestrationMetadata> WaitUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> reached, CancellationToken cancellation)
    {
        while (true)
        {
            var change = engine.Watchers.NextChange(instanceId);
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
            if (reached(metadata)) return metadata;
            await change.WaitAsync(cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.Status,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        SerializedInput = record.Input,
        SerializedOutput = record.Output,
        SerializedCustomStatus = record.CustomStatus,
        FailureDetails = record.Failure is null ? null : HistoryEvents.ToSdk(record.Failure),
        DataConverter = converter,
    };
}
