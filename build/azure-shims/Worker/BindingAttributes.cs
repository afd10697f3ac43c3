// Shim of Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/BindingAttribute.cs,
// TriggerBindingAttribute.cs and OutputBindingAttribute.cs: the abstract bases of every trigger and output binding.
namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

public abstract class BindingAttribute : Attribute;

public abstract class TriggerBindingAttribute : BindingAttribute;

public abstract class OutputBindingAttribute : BindingAttribute;
