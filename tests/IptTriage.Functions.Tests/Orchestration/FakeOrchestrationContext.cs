using System.Text.Json;
using Microsoft.DurableTask;

namespace IptTriage.Functions.Tests.Orchestration;

/// <summary>A Microsoft.DurableTask context that answers activities from a script, delivers queued events at once,
/// fires every timer at once, and records everything asked of it. Durable Functions cannot run here; this stands in
/// for the one thing the adapter talks to.</summary>
internal sealed class FakeOrchestrationContext(string instanceId, DateTime now) : TaskOrchestrationContext
{
    private readonly Dictionary<string, Queue<Func<object?>>> answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<object>> events = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Inputs as JSON taken at call time, as Durable Functions stores them.</summary>
    public List<(string Name, string Input, TaskOptions? Options)> Activities { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public List<string> EventsAwaited { get; } = [];

    public List<object?> CustomStatuses { get; } = [];

    public override TaskName Name => "ReferralOrchestrator";

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => now;

    public override bool IsReplaying => false;

    public FakeOrchestrationContext Answer(string activity, Func<object?> answer)
    {
        if (!answers.TryGetValue(activity, out var queue)) answers[activity] = queue = new();
        queue.Enqueue(answer);
        return this;
    }

    public FakeOrchestrationContext Raise(string eventName, object payload)
    {
        if (!events.TryGetValue(eventName, out var queue)) events[eventName] = queue = new();
        queue.Enqueue(payload);
        return this;
    }

    public override T? GetInput<T>() where T : default => (T)(object)instanceId;

    public override Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Activities.Add((name.Name, JsonSerializer.Serialize(input), options));
        if (!answers.TryGetValue(name.Name, out var queue) || queue.Count == 0) return Task.FromResult(default(T)!);
        try
        {
            return Task.FromResult((T)queue.Dequeue()()!);
        }
        catch (TaskFailedException failure)
        {
            return Task.FromException<T>(failure);
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        return Task.CompletedTask;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EventsAwaited.Add(eventName);
        return events.TryGetValue(eventName, out var queue) && queue.Count > 0
            ? Task.FromResult((T)queue.Dequeue())
            : new TaskCompletionSource<T>().Task;
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatuses.Add(customStatus);
}
