// Shim of Azure/azure-functions-durable-extension (package Microsoft.Azure.Functions.Worker.Extensions.DurableTask):
// src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs and ActivityTriggerAttribute.cs.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute
{
    public string? Orchestration { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ActivityTriggerAttribute : TriggerBindingAttribute
{
    public string? Activity { get; set; }
}
