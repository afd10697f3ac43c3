using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.Storage;

namespace IptTriage.DurableTask.Sqlite.Tests.Dispatch;

public sealed class InstanceWorkQueueTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_falls_due_when_the_clock_reaches_it_even_if_the_clock_moved_while_its_timer_was_armed()
    {
        // The clock reaches the message's due time between the queue reading it and arming its timer, as a test clock
        // jumping on another thread can. Then it never moves again: only a queue that reads the clock again sees the message due.
        var clock = new ClockJumpingOnFirstTimer(TimeSpan.FromSeconds(1));
        var queue = new InstanceWorkQueue(clock);
        using var stop = new CancellationTokenSource();
        var timers = queue.RunTimersAsync(stop.Token);

        queue.Add(new QueuedMessage(1, "instance", clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1), new P.HistoryEvent()));

        var (instanceId, messages) = await queue.TakeAsync(CancellationToken.None).WaitAsync(HangGuard);
        (instanceId, messages.Count).Should().Be(("instance", 1));
        clock.Jumped.Should().BeTrue();
        await stop.CancelAsync();
        await timers;
    }

    private sealed class ClockJumpingOnFirstTimer(TimeSpan jump) : TimeProvider
    {
        private readonly FakeTimeProvider _clock = new();
        private int _timersCreated;

        public bool Jumped => _timersCreated > 0;

        public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && Interlocked.Increment(ref _timersCreated) == 1) _clock.Advance(jump);
            return _clock.CreateTimer(callback, state, dueTime, period);
        }
    }
}
