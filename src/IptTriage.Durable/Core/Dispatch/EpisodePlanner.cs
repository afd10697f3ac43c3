using IptTriage.Durable.Core.History;
using IptTriage.Durable.Core.Replay;
using IptTriage.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace IptTriage.Durable.Core.Dispatch;

/// <summary>Turns an instance's state and a batch of messages into the one write that records the episode.</summary>
internal sealed class EpisodePlanner(
    DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, ILoggerFactory loggerFactory, Func<long> nextId)
{
    public EpisodeWrite Plan(string instanceId, InstanceState? state, IReadOnlyList<QueuedMessage> messages, DateTime now)
    {
        var consumed = messages.Select(m => m.Id).ToList();
        if (state is null || state.Status.IsTerminal())
        {
            // Late results, timers and events for finished or purged instances are discarded.
            return new EpisodeWrite(instanceId, 0, [], null, consumed, [], []);
        }

        var newEvents = new List<HistoryEvent>(messages.Count + 1) { new OrchestratorStartedEvent(now) };
        newEvents.AddRange(messages.Select(m => m.Event));
        var started = state.Started ?? newEvents.OfType<ExecutionStartedEvent>().FirstOrDefault();
        var terminated = newEvents.OfType<ExecutionTerminatedEvent>().FirstOrDefault();
        var outcome = (terminated, started) switch
        {
            ({ } terminate, _) => new EpisodeOutcome(
                [], state.CustomStatus, new ExecutionCompletedEvent(now, OrchestrationRuntimeStatus.Terminated, terminate.Input, null)),
            (_, null) => null, // events that arrived before a delayed start: kept in history until it starts
            (_, { } execution) => Execute(instanceId, state, execution, newEvents, now),
        };

        if (outcome is null)
        {
            return new EpisodeWrite(instanceId, state.History.Count, newEvents,
                new InstanceUpdate(state.Status, now, null, state.CustomStatus, null), consumed, [], []);
        }

        List<HistoryEvent> newHistory = [.. newEvents, .. outcome.NewActions];
        if (outcome.Completion is { } completion)
        {
            newHistory.Add(completion);
        }

        var update = new InstanceUpdate(outcome.Completion?.Status ?? OrchestrationRuntimeStatus.Running, now,
            outcome.Completion?.Result, outcome.SerializedCustomStatus, outcome.Completion?.FailureDetails);
        return new EpisodeWrite(instanceId, state.History.Count, newHistory, update, consumed,
            [.. outcome.NewActions.OfType<TimerCreatedEvent>().Select(timer => new QueuedMessage(
                nextId(), instanceId, timer.FireAt, new TimerFiredEvent(timer.FireAt, timer.EventId, timer.FireAt)))],
            [.. outcome.NewActions.OfType<TaskScheduledEvent>().Select(task => new ActivityWorkItem(
                nextId(), instanceId, task.EventId, task.Name, task.Input))]);
    }

    private EpisodeOutcome Execute(
        string instanceId, InstanceState state, ExecutionStartedEvent started, List<HistoryEvent> newEvents, DateTime now)
    {
        ITaskOrchestrator? orchestrator;
        try
        {
            orchestrator = registry.CreateOrchestrator(started.Name, services);
        }
        catch (Exception e)
        {
            return Failed(now, state, TaskFailureDetails.FromException(e));
        }

        return orchestrator is null
            ? Failed(now, state, new TaskFailureDetails(typeof(InvalidOperationException).FullName!,
                $"No orchestrator named '{started.Name}' is registered with this engine."))
            : OrchestrationExecutor.Execute(orchestrator, instanceId, started, state.History, newEvents, converter, loggerFactory);
    }

    private static EpisodeOutcome Failed(DateTime now, InstanceState state, TaskFailureDetails failure) =>
        new([], state.CustomStatus, new ExecutionCompletedEvent(now, OrchestrationRuntimeStatus.Failed, null, failure));
}
