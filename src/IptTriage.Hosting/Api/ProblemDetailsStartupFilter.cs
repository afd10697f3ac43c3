using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IptTriage.Hosting.Api;

/// <summary>Every error, including 401/403 from authorization, unknown routes and unhandled exceptions, answers with
/// problem details. An unhandled exception's message is never shown: it could echo a request.</summary>
internal sealed class ProblemDetailsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
