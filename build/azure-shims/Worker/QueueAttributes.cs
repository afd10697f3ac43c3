// Shim of Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Storage.Queues/src/QueueTriggerAttribute.cs.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

public sealed class QueueTriggerAttribute(string queueName) : TriggerBindingAttribute
{
    public string QueueName { get; } = queueName;
}
