// Shim of Azure/azure-functions-dotnet-worker src/DotNetWorker.Core/FunctionContext.cs and
// src/DotNetWorker.Core/Context/BindingContext.cs (package Microsoft.Azure.Functions.Worker.Core): the trigger's
// binding data (for a queue trigger: Id, DequeueCount, ...).
namespace Microsoft.Azure.Functions.Worker;

public abstract class FunctionContext
{
    public abstract BindingContext BindingContext { get; }
}

public abstract class BindingContext
{
    public abstract IReadOnlyDictionary<string, object?> BindingData { get; }
}
