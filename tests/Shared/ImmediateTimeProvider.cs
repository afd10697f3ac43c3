using System.Collections.Concurrent;

namespace IptTriage.Testing;

/// <summary>
/// A clock whose timers fire at once, so code that waits through a <see cref="TimeProvider"/> does not really
/// wait; every wait asked for is recorded so tests can assert on it. "Now" is the real time unless fixed.
/// </summary>
public sealed class ImmediateTimeProvider(DateTimeOffset? fixedNow = null) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override DateTimeOffset GetUtcNow() => fixedNow ?? base.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ImmediateTimer(waits, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ImmediateTimer(ConcurrentQueue<TimeSpan> waits, TimerCallback callback, object? state)
        : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                waits.Enqueue(dueTime);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
