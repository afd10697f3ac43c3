using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.History;
using IptTriage.DurableTask.Sqlite.Storage;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;

namespace IptTriage.DurableTask.Sqlite.Execution;

/// <summary>
/// Turns an instance's state and a batch of messages into the one write that records the episode. The orchestrator
/// itself runs in Microsoft's executor (<see cref="GrpcOrchestrationRunner"/>, the entry point Durable Functions uses
/// for isolated workers): this class builds its <c>OrchestratorRequest</c> (past and new events) and carries out the
/// actions it answers with. Replay, determinism checks, retries and event delivery are Microsoft's code.
/// </summary>
internal sealed class EpisodePlanner(IDurableTaskFactory factory, IServiceProvider services, TimeSpan sessionIdleTimeout, Func<long> nextId)
    : IDisposable
{
    // Microsoft's extended sessions, as Durable Functions uses them: between episodes the runner keeps the instance's
    // executor in memory, so an episode sends only its new events instead of replaying the whole history.
    private readonly ExtendedSessionsCache sessions = new();

    private bool SessionsOn => sessionIdleTimeout > TimeSpan.Zero;

    public void Dispose() => sessions.Dispose();

    public EpisodeWrite Plan(string instanceId, InstanceState? state, IReadOnlyList<QueuedMessage> messages, DateTime now)
    {
        var consumed = messages.Select(m => m.Id).ToList();
        if (state is null || state.Status.IsTerminal())
        {
            // Late results, timers and events for finished or purged instances are discarded.
            return new EpisodeWrite(instanceId, 0, [], null, consumed, [], []);
        }

        var newEvents = new List<P.HistoryEvent>(messages.Count + 1) { HistoryEvents.OrchestratorStarted(now) };
        newEvents.AddRange(messages.Select(m => m.Event));
        var started = state.Started ?? newEvents.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted
            ?? throw new InvalidDataException($"Instance '{instanceId}' has messages but no ExecutionStarted event.");

        var outcome = newEvents.FirstOrDefault(e => e.ExecutionTerminated is not null) is { } terminated
            ? Outcome.Finished(HistoryEvents.ExecutionCompleted(now, P.OrchestrationStatus.Terminated, terminated.ExecutionTerminated.Input, null))
            : Execute(instanceId, state, started, newEvents, now);

        List<P.HistoryEvent> newHistory = [.. newEvents, .. outcome.Scheduled];
        if (outcome.Completion is { } completion) newHistory.Add(completion);
        newHistory.Add(HistoryEvents.OrchestratorCompleted(now));

        var completed = outcome.Completion?.ExecutionCompleted;
        var update = new InstanceUpdate(
            completed is null ? OrchestrationRuntimeStatus.Running : (OrchestrationRuntimeStatus)completed.OrchestrationStatus,
            now, completed?.Result, outcome.CustomStatus ?? state.CustomStatus, completed?.FailureDetails);
        return new EpisodeWrite(instanceId, state.History.Count, newHistory, update, consumed,
            [.. outcome.Scheduled.Where(e => e.TimerCreated is not null).Select(timer => new QueuedMessage(
                nextId(), instanceId, timer.TimerCreated.FireAt.ToDateTime(), HistoryEvents.TimerFired(timer.TimerCreated.FireAt.ToDateTime(), timer.EventId)))],
            [.. outcome.Scheduled.Where(e => e.TaskScheduled is not null).Select(task => new ActivityWorkItem(
                nextId(), instanceId, task.EventId, task.TaskScheduled.Name, task.TaskScheduled.Input))],
            // Visible at once to the target, as an event raised through the client is.
            [.. outcome.Scheduled.Where(e => e.EventSent is not null).Select(sent => new QueuedMessage(
                nextId(), sent.EventSent.InstanceId, now, HistoryEvents.EventRaised(now, sent.EventSent.Name, sent.EventSent.Input)))]);
    }

    private Outcome Execute(string instanceId, InstanceState state, P.ExecutionStartedEvent started, List<P.HistoryEvent> newEvents, DateTime now)
    {
        P.OrchestratorResponse response;
        try
        {
            if (!factory.TryCreateOrchestrator(new TaskName(started.Name), services, out var orchestrator))
            {
                return Failed(now, "OrchestratorTaskNotFound", $"No orchestrator task named '{started.Name}' was found.");
            }

            // A session this process opened may have expired: the runner then asks for the history, and gets it.
            response = Run(instanceId, started, state, newEvents, orchestrator, includeHistory: !(SessionsOn && state.SessionOpen));
            if (response.RequiresHistory) response = Run(instanceId, started, state, newEvents, orchestrator, includeHistory: true);
        }
        catch (Exception e)
        {
            // The executor turns the orchestrator's own exceptions into a failed completion; anything thrown here is
            // the runner refusing the request (or an event it cannot deliver, such as a payload that does not
            // deserialize to the awaited type), which a retry would meet again.
            return Outcome.Finished(HistoryEvents.ExecutionCompleted(now, P.OrchestrationStatus.Failed, null, HistoryEvents.Failure(e), WorkerFailureId));
        }

        var scheduled = new List<P.HistoryEvent>(response.Actions.Count);
        foreach (var action in response.Actions)
        {
            switch (action.OrchestratorActionTypeCase)
            {
                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                    scheduled.Add(HistoryEvents.TaskScheduled(now, action.Id, action.ScheduleTask));
                    break;
                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                    scheduled.Add(HistoryEvents.TimerCreated(now, action.Id, action.CreateTimer.FireAt));
                    break;
                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                    scheduled.Add(HistoryEvents.EventSent(now, action.Id, action.SendEvent));
                    break;
                case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration
                    when action.CompleteOrchestration.OrchestrationStatus is P.OrchestrationStatus.Completed or P.OrchestrationStatus.Failed:
                    var complete = action.CompleteOrchestration;
                    return new Outcome(scheduled, HistoryEvents.ExecutionCompleted(now, complete.OrchestrationStatus, complete.Result, complete.FailureDetails, action.Id),
                        response.CustomStatus);
                default:
                    // Never dropped silently: an action this backend cannot carry out fails the instance, saying which.
                    return Failed(now, "NotSupportedException", $"The orchestration asked for '{Describe(action)}', which the embedded SQLite backend does not support.");
            }
        }

        return new Outcome(scheduled, null, response.CustomStatus);
    }

    private P.OrchestratorResponse Run(
        string instanceId, P.ExecutionStartedEvent started, InstanceState state, List<P.HistoryEvent> newEvents, ITaskOrchestrator orchestrator, bool includeHistory)
    {
        var request = new P.OrchestratorRequest { InstanceId = instanceId, ExecutionId = started.OrchestrationInstance.ExecutionId };
        if (includeHistory) request.PastEvents.AddRange(state.History);
        request.NewEvents.AddRange(newEvents);
        if (SessionsOn)
        {
            request.Properties["ExtendedSessionIdleTimeoutInSeconds"] = Value.ForNumber(sessionIdleTimeout.TotalSeconds);
            request.Properties["IsExtendedSession"] = Value.ForBool(true);
            request.Properties["IncludeState"] = Value.ForBool(includeHistory);
        }

        var answer = GrpcOrchestrationRunner.LoadAndRun(request.ToByteString().ToBase64(), orchestrator, sessions, services);
        return P.OrchestratorResponse.Parser.ParseFrom(ByteString.FromBase64(answer));
    }

    private static string Describe(P.OrchestratorAction action) =>
        action.OrchestratorActionTypeCase == P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration
            ? $"{action.OrchestratorActionTypeCase} with status {action.CompleteOrchestration.OrchestrationStatus}"
            : action.OrchestratorActionTypeCase.ToString();

    private static Outcome Failed(DateTime now, string errorType, string message) =>
        Outcome.Finished(HistoryEvents.ExecutionCompleted(now, P.OrchestrationStatus.Failed, null, HistoryEvents.Failure(errorType, message), WorkerFailureId));

    /// <summary>The event id of a failure raised outside the orchestrator: Microsoft's gRPC worker answers it with a
    /// CompleteOrchestration action whose id it leaves unset, and the host numbers the ExecutionCompleted event by it.</summary>
    private const int WorkerFailureId = 0;

    /// <param name="Scheduled">TaskScheduled, TimerCreated and EventSent events, in the order the orchestrator asked for them.</param>
    /// <param name="Completion">The ExecutionCompleted event when the instance finished in this episode.</param>
    private sealed record Outcome(IReadOnlyList<P.HistoryEvent> Scheduled, P.HistoryEvent? Completion, string? CustomStatus)
    {
        public static Outcome Finished(P.HistoryEvent completion) => new([], completion, null);
    }
}
