namespace IptTriage.Cli.Commands.Run;

/// <summary>A clock that starts at the real time and runs <see cref="Scale"/> times faster: the engine's durable timers
/// (reminders, escalations, clinic deadlines) fire after their real-world delay divided by the scale, so a simulated
/// day passes in seconds while every deadline keeps its place relative to the others. <see cref="SkipAhead"/> lets
/// simulated weeks in which nothing is due pass at once.</summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset startedAt = System.GetUtcNow();
    private readonly long startedTimestamp = System.GetTimestamp();
    private long skippedTicks;

    public ScaledTimeProvider(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Scale = scale;
    }

    public double Scale { get; }

    public TimeSpan Elapsed => GetUtcNow() - startedAt;

    public override DateTimeOffset GetUtcNow() => startedAt + System.GetElapsedTime(startedTimestamp) * Scale + Skipped;

    public override long GetTimestamp() =>
        startedTimestamp + (long)((System.GetTimestamp() - startedTimestamp) * Scale) + (long)(Skipped.TotalSeconds * TimestampFrequency);

    /// <summary>Moves the clock ahead by <paramref name="time"/> at once. Only for a stretch in which no timer is due: a
    /// timer already set keeps its real due time.</summary>
    public void SkipAhead(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        Interlocked.Add(ref skippedTicks, time.Ticks);
    }

    private TimeSpan Skipped => TimeSpan.FromTicks(Interlocked.Read(ref skippedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : simulated / Scale;

    private sealed class ScaledTimer(ITimer real, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => real.Change(clock.Shrink(dueTime), clock.Shrink(period));

        public void Dispose() => real.Dispose();

        public ValueTask DisposeAsync() => real.DisposeAsync();
    }
}
