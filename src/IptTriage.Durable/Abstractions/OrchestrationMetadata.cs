namespace IptTriage.Durable;

/// <summary>A snapshot of an orchestration instance, as in Microsoft.DurableTask.Client.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Null unless the query asked for inputs and outputs.</summary>
    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    internal DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    public T? ReadInputAs<T>() => ReadAs<T>(SerializedInput, nameof(SerializedInput));

    public T? ReadOutputAs<T>() => ReadAs<T>(SerializedOutput, nameof(SerializedOutput));

    public T? ReadCustomStatusAs<T>() => ReadAs<T>(SerializedCustomStatus, nameof(SerializedCustomStatus));

    private T? ReadAs<T>(string? data, string what) => data is null && !RequestedPayloads
        ? throw new InvalidOperationException($"{what} of instance '{InstanceId}' was not fetched: ask for inputs and outputs (getInputsAndOutputs: true).")
        : DataConverter.Deserialize<T>(data);

    internal bool RequestedPayloads { get; init; }
}
