// Shim of microsoft/durabletask-dotnet src/Abstractions/TaskOptions.cs, src/Abstractions/TaskRetryOptions.cs and
// src/Abstractions/RetryPolicy.cs (package Microsoft.DurableTask.Abstractions): the constructors and properties the
// adapter uses. Data carriers that keep their values; the real RetryPolicy's argument validation is left out.
namespace Microsoft.DurableTask;

public record TaskOptions(TaskRetryOptions? Retry = null);

public sealed class TaskRetryOptions(RetryPolicy policy)
{
    public RetryPolicy? Policy { get; } = policy;
}

public class RetryPolicy(
    int maxNumberOfAttempts,
    TimeSpan firstRetryInterval,
    double backoffCoefficient = 1.0,
    TimeSpan? maxRetryInterval = null,
    TimeSpan? retryTimeout = null)
{
    public int MaxNumberOfAttempts { get; } = maxNumberOfAttempts;

    public TimeSpan FirstRetryInterval { get; } = firstRetryInterval;

    public double BackoffCoefficient { get; } = backoffCoefficient;

    public TimeSpan MaxRetryInterval { get; } = maxRetryInterval ?? TimeSpan.FromHours(1);

    public TimeSpan RetryTimeout { get; } = retryTimeout ?? Timeout.InfiniteTimeSpan;
}

public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
