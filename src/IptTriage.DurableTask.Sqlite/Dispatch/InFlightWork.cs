namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>Bounds and tracks commits that are on their way to the store, so shutdown can wait for them.</summary>
internal sealed class InFlightWork(int limit)
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    private readonly Lock _gate = new();
    private int _count;
    private TaskCompletionSource? _idle;

    public async Task EnterAsync()
    {
        await _slots.WaitAsync();
        lock (_gate)
        {
            _count++;
        }
    }

    public void Exit()
    {
        _slots.Release();
        lock (_gate)
        {
            if (--_count == 0)
            {
                _idle?.TrySetResult();
                _idle = null;
            }
        }
    }

    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _count == 0
                ? Task.CompletedTask
                : (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }
}
