using IptTriage.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// The ASP.NET Core integration: the HTTP functions take HttpRequest and return IActionResult, as the local API does.
builder.ConfigureFunctionsWebApplication();
builder.Services.AddIptTriageFunctions(builder.Configuration);

await builder.Build().RunAsync();
