// Shim of microsoft/durabletask-dotnet src/Abstractions/TaskOrchestrationContext.cs (package
// Microsoft.DurableTask.Abstractions): only the members the Functions adapter calls, with the real signatures.
// The real class has more abstract members (Parent, SendEvent, sub-orchestrations, ContinueAsNew, entities);
// NewGuid is virtual there with a deterministic implementation, here it throws unless overridden.
namespace Microsoft.DurableTask;

public abstract class TaskOrchestrationContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }

    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    public abstract Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    public abstract void SetCustomStatus(object? customStatus);

    public virtual Guid NewGuid() => throw new NotSupportedException("shim");
}
