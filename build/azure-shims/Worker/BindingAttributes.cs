// Shim of Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Abstractions/src/BindingAttribute.cs,
// TriggerBindingAttribute.cs and InputBindingAttribute.cs: the abstract binding bases.
namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

public abstract class BindingAttribute : Attribute;

public abstract class TriggerBindingAttribute : BindingAttribute;

public abstract class InputBindingAttribute : BindingAttribute;
