using IptTriage.Durable.Core.History;
using Microsoft.Extensions.Logging;

namespace IptTriage.Durable.Core.Replay;

/// <summary>What one episode decided: new actions to commit, the custom status, and the completion if it finished.</summary>
internal sealed record EpisodeOutcome(
    IReadOnlyList<HistoryEvent> NewActions, string? SerializedCustomStatus, ExecutionCompletedEvent? Completion);

/// <summary>Re-runs an orchestrator from its history and then feeds it the new events of this episode.</summary>
internal static class OrchestrationExecutor
{
    public static EpisodeOutcome Execute(
        ITaskOrchestrator orchestrator,
        string instanceId,
        ExecutionStartedEvent started,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        var context = new ReplayContext(instanceId, started.Name, started.Input, converter, loggerFactory);
        var scheduler = new OrchestrationSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(scheduler);
        Task<object?>? run = null;
        var now = newEvents[0].Timestamp;
        try
        {
            for (var i = 0; i < past.Count + newEvents.Count && run?.IsCompleted != true; i++)
            {
                var historyEvent = i < past.Count ? past[i] : newEvents[i - past.Count];
                context.Apply(historyEvent, isReplaying: i < past.Count);
                if (historyEvent is ExecutionStartedEvent)
                {
                    run = Start(orchestrator, context, started.Input, converter);
                }

                scheduler.RunPending();
            }
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return Finished(context, now, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (context.CancelledFromAnotherThread)
        {
            return Finished(context, now, OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!,
                "A durable timer or event wait was cancelled from another thread. Orchestrator code must cancel with " +
                "CancellationTokenSource.Cancel(), not CancelAsync() or a token from outside the orchestration."));
        }

        return run switch
        {
            null => throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event."),
            { IsCompletedSuccessfully: true } => Completed(context, now, run.Result, converter),
            { IsFaulted: true } => Finished(context, now, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(run.Exception!.InnerException!)),
            { IsCanceled: true } => Finished(context, now, OrchestrationRuntimeStatus.Failed, null,
                new TaskFailureDetails(typeof(TaskCanceledException).FullName!, "The orchestrator code ended with an unhandled cancellation.")),
            _ => new EpisodeOutcome([.. context.NewActions], context.SerializedCustomStatus, null),
        };
    }

    private static Task<object?> Start(ITaskOrchestrator orchestrator, ReplayContext context, string? input, DataConverter converter)
    {
        try
        {
            return orchestrator.RunAsync(context, converter.Deserialize(input, orchestrator.InputType));
        }
        catch (Exception e)
        {
            return Task.FromException<object?>(e);
        }
    }

    private static EpisodeOutcome Completed(ReplayContext context, DateTime now, object? output, DataConverter converter)
    {
        string? serializedOutput;
        try
        {
            serializedOutput = converter.Serialize(output);
        }
        catch (Exception e) when (e is NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return Finished(context, now, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e));
        }

        return Finished(context, now, OrchestrationRuntimeStatus.Completed, serializedOutput, null);
    }

    // Actions still unconfirmed when the orchestrator finishes (such as a cancelled timer) are dropped: nothing waits for them.
    private static EpisodeOutcome Finished(
        ReplayContext context, DateTime now, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure) =>
        new([], context.SerializedCustomStatus, new ExecutionCompletedEvent(now, status, output, failure));
}
