using Microsoft.Extensions.Logging;

namespace IptTriage.Durable;

/// <summary>
/// What orchestrator code uses to schedule durable work, mirroring Microsoft.DurableTask's TaskOrchestrationContext.
/// Orchestrator code is replayed from history, so it must be deterministic: use <see cref="CurrentUtcDateTime"/>,
/// <see cref="NewGuid"/> and activities instead of clocks, random numbers and I/O.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time the current episode started, taken from the history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator is re-running steps that are already in its history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    public abstract T? GetInput<T>();

    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Schedules an activity. Throws <see cref="TaskFailedException"/> when it fails after its retries.</summary>
    public abstract Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null);

    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>A durable timer: stored with its due time, it fires after a restart too.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an event raised with <paramref name="eventName"/> (case-insensitive). Events that arrived before the
    /// wait are kept and delivered in arrival order, one event per wait.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event with a durable timeout, as Microsoft.DurableTask does: on timeout the returned task is
    /// cancelled (awaiting it throws <see cref="TaskCanceledException"/>).
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var timerCancellation = new CancellationTokenSource();
        using var eventCancellation = new CancellationTokenSource();
        var timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        var eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);

        var winner = await Task.WhenAny(timeoutTask, eventTask);
        if (winner == eventTask)
        {
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return await eventTask;
    }

    /// <summary>Sets the custom status shown by the client; stored when the current episode commits.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A name-based (version 5) UUID derived from the instance id, the episode time and a counter: replay-safe.</summary>
    public abstract Guid NewGuid();

    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    public virtual ILogger CreateReplaySafeLogger(Type type) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(type));

    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T));

    /// <summary>Drops log entries written while replaying, so each entry is written once.</summary>
    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
