using System.Threading.Channels;
using IptTriage.DurableTask.Sqlite.Storage;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>
/// In-memory schedule of committed messages. An instance is handed to one worker at a time with all its visible
/// messages (one episode); messages arriving meanwhile wait for the next episode. Messages due later (timers,
/// delayed starts, retries of failed commits) wait in a due-time queue.
/// </summary>
internal sealed class InstanceWorkQueue(TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);
    private static readonly TimeSpan ArmingTolerance = TimeSpan.FromMilliseconds(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceSlot> _slots = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly PriorityQueue<QueuedMessage, DateTime> _delayed = new();
    private TaskCompletionSource _delayedChanged = NewSignal();

    public void Add(QueuedMessage message)
    {
        lock (_gate)
        {
            if (message.VisibleAt > timeProvider.GetUtcNow().UtcDateTime)
            {
                AddDelayedLocked(message);
            }
            else
            {
                AddReadyLocked(message);
            }
        }
    }

    /// <summary>Waits for an instance with visible messages and locks it; release it with <see cref="Release"/>.</summary>
    public async Task<(string InstanceId, List<QueuedMessage> Messages)> TakeAsync(CancellationToken cancellationToken)
    {
        var instanceId = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_gate)
        {
            var slot = _slots[instanceId];
            slot.Queued = false;
            slot.Locked = true;
            var messages = slot.Messages;
            slot.Messages = [];
            return (instanceId, messages);
        }
    }

    /// <summary>Puts back the messages of an episode that could not commit, to be retried at <paramref name="retryAt"/>.</summary>
    public void Return(IEnumerable<QueuedMessage> messages, DateTime retryAt)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                AddDelayedLocked(message with { VisibleAt = retryAt });
            }
        }
    }

    public void Release(string instanceId)
    {
        lock (_gate)
        {
            var slot = _slots[instanceId];
            slot.Locked = false;
            if (slot.Messages.Count == 0)
            {
                _slots.Remove(instanceId);
            }
            else
            {
                Enqueue(instanceId, slot);
            }
        }
    }

    /// <summary>Moves messages to the ready queue as they fall due, waking on the time provider's timers.</summary>
    public async Task RunTimersAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            Task changed;
            DateTime due, now;
            lock (_gate)
            {
                now = timeProvider.GetUtcNow().UtcDateTime;
                while (_delayed.TryPeek(out var message, out due) && due <= now)
                {
                    _delayed.Dequeue();
                    AddReadyLocked(message);
                }

                // Task.Delay cannot wait more than about 49 days; a timer further out is re-armed on the way.
                wait = _delayed.Count == 0 ? Timeout.InfiniteTimeSpan : due - now < MaxWait ? due - now : MaxWait;
                changed = _delayedChanged.Task;
            }

            using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, timeProvider, waitCancellation.Token);
            // A delay counts from when it is armed, not from when the clock was read above. Had the clock moved in
            // between (a test's clock jumps), the delay would fire late, and on a clock that moves only when told, never:
            // then the due times are read again instead.
            var armed = timeProvider.GetUtcNow().UtcDateTime;
            if (wait == Timeout.InfiniteTimeSpan || (armed - now < ArmingTolerance && armed < due))
            {
                await Task.WhenAny(delay, changed);
            }

            await waitCancellation.CancelAsync();
        }
    }

    private void AddDelayedLocked(QueuedMessage message)
    {
        var wasEarliest = !_delayed.TryPeek(out _, out var earliest) || message.VisibleAt < earliest;
        _delayed.Enqueue(message, message.VisibleAt);
        if (wasEarliest)
        {
            var changed = _delayedChanged;
            _delayedChanged = NewSignal();
            changed.SetResult();
        }
    }

    private void AddReadyLocked(QueuedMessage message)
    {
        if (!_slots.TryGetValue(message.InstanceId, out var slot))
        {
            _slots[message.InstanceId] = slot = new InstanceSlot();
        }

        slot.Messages.Add(message);
        if (!slot.Locked && !slot.Queued)
        {
            Enqueue(message.InstanceId, slot);
        }
    }

    private void Enqueue(string instanceId, InstanceSlot slot)
    {
        slot.Queued = true;
        _ready.Writer.TryWrite(instanceId);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class InstanceSlot
    {
        public List<QueuedMessage> Messages { get; set; } = [];

        public bool Locked { get; set; }

        public bool Queued { get; set; }
    }
}
