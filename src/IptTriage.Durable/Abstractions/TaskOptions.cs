namespace IptTriage.Durable;

/// <summary>Options for a scheduled task, as in Microsoft.DurableTask.</summary>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>Retry options for a task. Microsoft.DurableTask also allows a custom retry handler; this engine supports
/// the declarative <see cref="RetryPolicy"/> only.</summary>
public sealed record TaskRetryOptions(RetryPolicy Policy)
{
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
}
