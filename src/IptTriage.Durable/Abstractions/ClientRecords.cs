namespace IptTriage.Durable;

/// <summary>Options for starting an instance, as in Microsoft.DurableTask.Client.</summary>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);

/// <summary>
/// The outcome of an idempotent start (this engine only): the instance id, and whether this call created it
/// (false: an instance with that id already existed and was left untouched).
/// </summary>
public sealed record StartOrchestrationResult(string InstanceId, bool Created);

/// <summary>Filter for <see cref="DurableTaskClient.GetAllInstancesAsync"/>, as in Microsoft.DurableTask.Client.</summary>
public record OrchestrationQuery
{
    public const int DefaultPageSize = 100;

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public IEnumerable<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public int PageSize { get; init; } = DefaultPageSize;

    public bool FetchInputsAndOutputs { get; init; }

    public string? ContinuationToken { get; init; }
}

/// <summary>How many instances a purge removed, as in Microsoft.DurableTask.Client.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>Which finished instances <see cref="DurableTaskClient.PurgeAllInstancesAsync"/> deletes, as in Microsoft.DurableTask.Client.</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IEnumerable<OrchestrationRuntimeStatus>? Statuses = null);
