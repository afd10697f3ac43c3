using IptTriage.Durable.Core.History;
using IptTriage.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Durable.Core.Dispatch;

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

    private async Task<HistoryEvent> ExecuteActivityAsync(ActivityWorkItem item)
    {
        try
        {
            await using var scope = _services.CreateAsyncScope();
            var activity = _registry.CreateActivity(item.Name, scope.ServiceProvider)
                ?? throw new InvalidOperationException($"No activity named '{item.Name}' is registered with this engine.");
            var input = DataConverter.Deserialize(item.Input, activity.InputType);
            var output = await activity.RunAsync(new ActivityContext(item.Name, item.InstanceId), input);
            return new TaskCompletedEvent(UtcNow, item.TaskId, DataConverter.Serialize(output));
        }
        catch (Exception e)
        {
            LogActivityFailed(item.Name, item.TaskId, item.InstanceId, e.GetType().Name);
            return new TaskFailedEvent(UtcNow, item.TaskId, TaskFailureDetails.FromException(e));
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

    private sealed class ActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;
    }
}
