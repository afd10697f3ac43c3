// Shim of microsoft/durabletask-dotnet src/Client/Core/DurableTaskClient.cs and src/Client/Core/OrchestrationMetadata.cs
// (package Microsoft.DurableTask.Client): the members the Functions app calls, with the real signatures.
namespace Microsoft.DurableTask.Client;

public abstract class DurableTaskClient
{
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public abstract Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);
}

public sealed class OrchestrationMetadata(string name, string instanceId)
{
    public string Name { get; } = name;

    public string InstanceId { get; } = instanceId;
}
