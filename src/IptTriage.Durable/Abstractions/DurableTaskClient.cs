namespace IptTriage.Durable;

/// <summary>
/// Starts, queries, signals and ends orchestration instances, mirroring Microsoft.DurableTask.Client's
/// DurableTaskClient. Divergences: starting an existing instance id does nothing and returns that id (see
/// <see cref="TryScheduleNewOrchestrationInstanceAsync"/>), and <see cref="GetAllInstancesAsync"/> returns an
/// <see cref="IAsyncEnumerable{T}"/> rather than Azure.Core's AsyncPageable (which implements it).
/// </summary>
public abstract class DurableTaskClient
{
    /// <summary>
    /// Starts an instance and returns its id. Idempotent: if the id exists, nothing changes and the same id is returned.
    /// </summary>
    public virtual async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default) =>
        (await TryScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation)).InstanceId;

    /// <summary>Starts an instance unless its id exists, and reports which happened.</summary>
    public abstract Task<StartOrchestrationResult> TryScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default);

    /// <summary>Sends an event to an instance; events for finished or unknown instances are discarded, as in Durable Functions.</summary>
    public abstract Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
        GetInstanceAsync(instanceId, false, cancellation);

    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance has left the Pending status.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public virtual Task TerminateInstanceAsync(string instanceId, CancellationToken cancellation) =>
        TerminateInstanceAsync(instanceId, null, cancellation);

    /// <summary>Ends a pending or running instance with status Terminated; running activities finish but their results are discarded.</summary>
    public abstract Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default);

    /// <summary>Deletes a finished instance and its history; running instances are not purged.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>
    /// Deletes every finished instance matching the filter, with its history (for example, to enforce a retention
    /// period). Statuses default to all finished ones; running instances are never purged.
    /// </summary>
    public virtual async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new OrchestrationQuery
        {
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            Statuses = filter.Statuses ?? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
        };
        var matches = await GetAllInstancesAsync(query, cancellation).Select(m => m.InstanceId).ToListAsync(cancellation);
        var purged = 0;
        foreach (var instanceId in matches)
        {
            purged += (await PurgeInstanceAsync(instanceId, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    public abstract IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? filter = null, CancellationToken cancellation = default);
}
