using IptTriage.Functions;
using IptTriage.Functions.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// The ASP.NET Core integration: the HTTP functions take HttpRequest and return IActionResult, as the local API does.
builder.ConfigureFunctionsWebApplication();
// After the integration's own middleware, which gives each invocation its HttpContext.
builder.UseMiddleware<ApiKeyMiddleware>();
builder.Services.AddIptTriageFunctions(builder.Configuration);

await builder.Build().RunAsync();
