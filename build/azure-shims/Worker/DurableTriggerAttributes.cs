// Shim of Azure/azure-functions-durable-extension (package Microsoft.Azure.Functions.Worker.Extensions.DurableTask):
// src/Worker.Extensions.DurableTask/OrchestrationTriggerAttribute.cs, ActivityTriggerAttribute.cs, DurableClientAttribute.cs.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ActivityTriggerAttribute : TriggerBindingAttribute;

// src/Worker.Extensions.DurableTask/DurableClientAttribute.cs
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : InputBindingAttribute;
