using IptTriage.Functions;
using Microsoft.Extensions.Hosting;

// ConfigureFunctionsWebApplication: the worker defaults plus the ASP.NET Core integration the HTTP API needs.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddIptTriageFunctions(context.Configuration))
    .Build();

await host.RunAsync();
