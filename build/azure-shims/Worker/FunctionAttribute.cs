// Shim of Azure/azure-functions-dotnet-worker src/DotNetWorker.Core (Microsoft.Azure.Functions.Worker.Core package),
// type Microsoft.Azure.Functions.Worker.FunctionAttribute: public FunctionAttribute(string name); public string Name.
// The stored index did not hold this file, so the signature is the package's public API, not a copied file.
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
