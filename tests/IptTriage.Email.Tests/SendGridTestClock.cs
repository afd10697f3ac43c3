using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace IptTriage.Email.Tests;

/// <summary>
/// The SendGrid wall clock in tests: a <see cref="FakeTimeProvider"/>, so it passes only when the test moves it, that
/// records each wait the sender arms between attempts. The sender arms two kinds of timer on it: each attempt's
/// timeout, always <paramref name="attemptTimeout"/>, and the waits, each at most <c>SendGrid:MaxRetryDelay</c>; the
/// test host keeps the timeout longer than that cap, so every other timer is a wait.
/// </summary>
internal sealed class SendGridTestClock(DateTimeOffset start, TimeSpan attemptTimeout) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();
    private readonly Channel<TimeSpan> armed = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Every wait armed between attempts, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != attemptTimeout)
        {
            waits.Enqueue(dueTime);
            armed.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Completes when a wait has been armed that <see cref="TryTakeArmedWait"/> has not taken yet.</summary>
    public Task<bool> WaitArmedAsync() => armed.Reader.WaitToReadAsync().AsTask();

    public bool TryTakeArmedWait(out TimeSpan wait) => armed.Reader.TryRead(out wait);
}
