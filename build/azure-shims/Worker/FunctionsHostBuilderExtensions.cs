// Shim of Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsHostBuilderExtensions.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore): the worker defaults plus the ASP.NET Core
// integration, under which HTTP functions take HttpRequest and return IActionResult.
namespace Microsoft.Extensions.Hosting;

public static class FunctionsHostBuilderExtensions
{
    public static IHostBuilder ConfigureFunctionsWebApplication(this IHostBuilder builder) =>
        throw new NotSupportedException("shim: build with -p:UseAzureShims=false to run the Functions app");
}
