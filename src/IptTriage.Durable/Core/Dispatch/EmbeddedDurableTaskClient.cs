using System.Runtime.CompilerServices;
using IptTriage.Durable.Core.History;
using IptTriage.Durable.Storage;

namespace IptTriage.Durable.Core.Dispatch;

/// <summary>The client of the embedded engine: writes go through the engine so they are scheduled once committed.</summary>
internal sealed class EmbeddedDurableTaskClient(DurableEngine engine) : DurableTaskClient
{
    public override async Task<StartOrchestrationResult> TryScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId, nameof(options.InstanceId));
        await engine.EnsureOpenAsync(cancellation); // ids are numbered from what the store already holds
        var now = engine.UtcNow;
        var serializedInput = engine.DataConverter.Serialize(input);
        var start = new QueuedMessage(engine.NextId(), instanceId, options?.StartAt?.UtcDateTime ?? now,
            new ExecutionStartedEvent(now, orchestratorName.Name, serializedInput));
        var instance = new InstanceRecord(
            instanceId, orchestratorName.Name, OrchestrationRuntimeStatus.Pending, now, now, serializedInput, null, null, null);
        var created = await engine.SubmitAsync(new CreateInstanceWrite(instance, start), start);
        return new StartOrchestrationResult(instanceId, created);
    }

    public override Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var now = engine.UtcNow;
        return Enqueue(instanceId, new EventRaisedEvent(now, eventName, engine.DataConverter.Serialize(eventPayload)), cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return Enqueue(instanceId, new ExecutionTerminatedEvent(engine.UtcNow, engine.DataConverter.Serialize(output)), cancellation);
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await engine.EnsureOpenAsync(cancellation);
        var record = await engine.Store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitUntilAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await engine.EnsureOpenAsync(cancellation);
        var purged = await engine.Store.WriteAsync(new PurgeInstanceWrite(instanceId), CancellationToken.None);
        return new PurgeResult(purged ? 1 : 0);
    }

    public override async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var query = filter ?? new OrchestrationQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(filter.PageSize));
        await engine.EnsureOpenAsync(cancellation);
        do
        {
            var page = await engine.Store.QueryInstancesAsync(query, cancellation);
            foreach (var record in page.Instances)
            {
                yield return ToMetadata(record, query.FetchInputsAndOutputs);
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    private async Task Enqueue(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        await engine.EnsureOpenAsync(cancellation);
        var message = new QueuedMessage(engine.NextId(), instanceId, historyEvent.Timestamp, historyEvent);
        await engine.SubmitAsync(new EnqueueMessageWrite(message), message);
    }

    private async Task<OrchestrationMetadata> WaitUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> reached, CancellationToken cancellation)
    {
        while (true)
        {
            var change = engine.Watchers.NextChange(instanceId);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
            if (reached(metadata))
            {
                return metadata;
            }

            await change.WaitAsync(cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) => new(record.Name, record.InstanceId)
    {
        RuntimeStatus = record.Status,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        SerializedInput = record.Input,
        SerializedOutput = record.Output,
        SerializedCustomStatus = record.CustomStatus,
        FailureDetails = record.Failure,
        DataConverter = engine.DataConverter,
        RequestedPayloads = withPayloads,
    };
}
