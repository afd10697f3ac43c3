using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Engine = IptTriage.Durable;

namespace IptTriage.Functions.Tests.Api;

/// <summary>The Durable Functions client the HTTP functions are given, played by the embedded engine: what a function
/// starts or raises runs the real orchestration, as the task hub would run it on Azure.</summary>
internal sealed class EngineBackedClient(Engine.DurableTaskClient engine) : DurableTaskClient
{
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var start = await engine.TryScheduleNewOrchestrationInstanceAsync(
            orchestratorName.Name, input, new Engine.StartOrchestrationOptions(options?.InstanceId, options?.StartAt), cancellation);
        return start.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        engine.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        await engine.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation) is { } found ? new OrchestrationMetadata(found.Name, found.InstanceId) : null;
}
