using DurableTask.Core;
using IptTriage.DurableTask.Sqlite.History;
using IptTriage.DurableTask.Sqlite.Storage;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>Activity execution: at least once, because a result is committed only after the activity returns.</summary>
public sealed partial class DurableEngine
{
    private async Task RunActivityLoopAsync(CancellationToken stop)
    {
        while (true)
        {
            ActivityWorkItem item;
            try
            {
                item = await _activities.Reader.ReadAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var result = await ExecuteActivityAsync(item);
            await _inFlight.EnterAsync();
            _ = CommitActivityAsync(item, new QueuedMessage(NextId(), item.InstanceId, UtcNow, result));
        }
    }

    /// <summary>Runs the activity as Microsoft's gRPC worker does: from a DI scope, through the SDK's own activity shim
    /// (which unwraps DurableTask.Core's one-element input array and uses the worker's data converter), an unknown
    /// name failing with <c>ActivityTaskNotFound</c>.</summary>
    private async Task<P.HistoryEvent> ExecuteActivityAsync(ActivityWorkItem item)
    {
        try
        {
            await using var scope = _services.CreateAsyncScope();
            if (!_factory.TryCreateActivity(new TaskName(item.Name), scope.ServiceProvider, out var activity))
            {
                return HistoryEvents.TaskFailed(UtcNow, item.TaskId,
                    HistoryEvents.Failure("ActivityTaskNotFound", $"No activity task named '{item.Name}' was found."));
            }

            var shim = _shims.CreateActivity(new TaskName(item.Name), activity);
            var context = new TaskContext(new OrchestrationInstance { InstanceId = item.InstanceId }, item.Name, string.Empty, item.TaskId);
            var output = await shim.RunAsync(context, item.Input);
            return HistoryEvents.TaskCompleted(UtcNow, item.TaskId, output);
        }
        catch (Exception e)
        {
            LogActivityFailed(item.Name, item.TaskId, item.InstanceId, e.GetType().Name);
            return HistoryEvents.TaskFailed(UtcNow, item.TaskId, HistoryEvents.Failure(e));
        }
    }

    private async Task CommitActivityAsync(ActivityWorkItem item, QueuedMessage result)
    {
        try
        {
            if (await _store.WriteAsync(new ActivityResultWrite(item.Id, result), CancellationToken.None))
            {
                _queue.Add(result);
            }

            Counters.ActivityCommitted();
        }
        catch (Exception e)
        {
            // The activity stays in the store and runs again after a restart (at-least-once).
            LogActivityCommitFailed(e, item.Name, item.TaskId, item.InstanceId);
        }
        finally
        {
            _inFlight.Exit();
        }
    }
}
