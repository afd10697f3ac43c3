using System.Collections.Concurrent;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>Wakes client waits when an instance's committed status changes.</summary>
internal sealed class InstanceWatchers
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _watchers = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next change; take it before reading the status so no change is missed.</summary>
    public Task NextChange(string instanceId) =>
        _watchers.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(string instanceId)
    {
        if (_watchers.TryRemove(instanceId, out var watcher))
        {
            watcher.SetResult();
        }
    }
}
