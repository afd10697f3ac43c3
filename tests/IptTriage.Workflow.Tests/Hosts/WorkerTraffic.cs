using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using P = Microsoft.DurableTask.Protobuf;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>
/// Records the gRPC traffic between Microsoft's worker and its test host, which keeps history only in memory and does
/// not serve it to the client. Each orchestrator work item carries the instance's whole history (past and new
/// events), and the worker's answers carry the actions that become the next events: together, the history as the host
/// holds it, in the same protobuf format as the embedded store.
/// </summary>
internal sealed class WorkerTraffic : Interceptor
{
    private readonly ConcurrentQueue<Google.Protobuf.IMessage> messages = new();
    private readonly ConcurrentDictionary<string, Episode> latest = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Google.Protobuf.IMessage> Messages => messages;

    public IReadOnlyList<P.HistoryEvent> History(string instanceId)
    {
        if (!latest.TryGetValue(instanceId, out var episode)) return [];
        // Histories over 1 MiB are streamed separately rather than carried in the work item; these tests' are far smaller.
        if (episode.Request.RequiresHistoryStreaming) throw new NotSupportedException($"The history of '{instanceId}' was streamed, which is not recorded.");
        lock (episode)
        {
            return [.. episode.Request.PastEvents, .. episode.Request.NewEvents, .. episode.Answers.SelectMany(a => a.Actions).Select(Event)];
        }
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(
            new RecordingReader<TResponse>(call.ResponseStream, this), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        Record(request);
        return continuation(request, context);
    }

    private void Record(object? message)
    {
        if (message is not Google.Protobuf.IMessage protobuf) return;
        messages.Enqueue(protobuf);
        switch (message)
        {
            case P.WorkItem { OrchestratorRequest: { } request }:
                latest[request.InstanceId] = new Episode(request);
                break;
            case P.OrchestratorResponse answer when latest.TryGetValue(answer.InstanceId, out var episode):
                lock (episode) episode.Answers.Add(answer);
                break;
        }
    }

    /// <summary>The history event the host records for an action, as its dispatcher does.</summary>
    private static P.HistoryEvent Event(P.OrchestratorAction action) => action.OrchestratorActionTypeCase switch
    {
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => new P.HistoryEvent
        {
            EventId = action.Id,
            TaskScheduled = new P.TaskScheduledEvent { Name = action.ScheduleTask.Name, Version = action.ScheduleTask.Version, Input = action.ScheduleTask.Input },
        },
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => new P.HistoryEvent
        {
            EventId = action.Id,
            TimerCreated = new P.TimerCreatedEvent { FireAt = action.CreateTimer.FireAt },
        },
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => new P.HistoryEvent
        {
            EventId = action.Id,
            EventSent = new P.EventSentEvent { InstanceId = action.SendEvent.Instance.InstanceId, Name = action.SendEvent.Name, Input = action.SendEvent.Data },
        },
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration => new P.HistoryEvent
        {
            EventId = action.Id,
            ExecutionCompleted = new P.ExecutionCompletedEvent
            {
                OrchestrationStatus = action.CompleteOrchestration.OrchestrationStatus,
                Result = action.CompleteOrchestration.Result,
                FailureDetails = action.CompleteOrchestration.FailureDetails,
            },
        },
        _ => throw new NotSupportedException($"No history event is recorded for a {action.OrchestratorActionTypeCase} action."),
    };

    private sealed record Episode(P.OrchestratorRequest Request)
    {
        public List<P.OrchestratorResponse> Answers { get; } = [];
    }

    private sealed class RecordingReader<T>(IAsyncStreamReader<T> inner, WorkerTraffic traffic) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken)) return false;
            traffic.Record(inner.Current);
            return true;
        }
    }
}
