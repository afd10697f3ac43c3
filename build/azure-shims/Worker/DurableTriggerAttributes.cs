// Shim of Azure/azure-functions-durable-extension (package Microsoft.Azure.Functions.Worker.Extensions.DurableTask):
// src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs, ActivityTriggerAttribute.cs, DurableClientAttribute.cs.
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

// src/Worker.Extensions.DurableTask/DurableClientAttribute.cs
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : InputBindingAttribute
{
    public string? TaskHub { get; set; }

    public string? ConnectionName { get; set; }
}
