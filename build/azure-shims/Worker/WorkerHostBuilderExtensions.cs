// Shim of Azure/azure-functions-dotnet-worker src/DotNetWorker/Hosting/WorkerHostBuilderExtensions.cs
// (package Microsoft.Azure.Functions.Worker): the one host-builder extension Program.cs calls.
namespace Microsoft.Extensions.Hosting;

public static class WorkerHostBuilderExtensions
{
    public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder) =>
        throw new NotSupportedException("shim: build with -p:UseAzureShims=false to run the Functions app");
}
