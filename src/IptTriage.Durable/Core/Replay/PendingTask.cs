namespace IptTriage.Durable.Core.Replay;

/// <summary>A durable step the orchestrator awaits; history events complete it.</summary>
internal interface IPendingTask
{
    string Description { get; }

    void Complete(string? serializedResult);

    void Fail(TaskFailureDetails failure);
}

internal sealed class PendingTask<T>(string description, DataConverter converter, Func<TaskFailureDetails, Exception> toException)
    : IPendingTask
{
    private readonly TaskCompletionSource<T> _completion = new();

    public string Description { get; } = description;

    public Task<T> Task => _completion.Task;

    public void Complete(string? serializedResult)
    {
        if (_completion.Task.IsCompleted)
        {
            return; // a cancelled timer or wait whose result arrived later
        }

        T result;
        try
        {
            result = converter.Deserialize<T>(serializedResult)!;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            _completion.TrySetException(new InvalidOperationException($"The result of {Description} cannot be read as {typeof(T).Name}.", e));
            return;
        }

        _completion.TrySetResult(result);
    }

    public void Fail(TaskFailureDetails failure) => _completion.TrySetException(toException(failure));

    public void Cancel() => _completion.TrySetCanceled();
}
