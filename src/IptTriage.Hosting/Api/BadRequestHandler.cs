using System.Text.Json;
using IptTriage.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api;

/// <summary>A request body that minimal APIs could not bind answers <see cref="ApiProblems.UnreadableBody"/>
/// instead of a bare 400.</summary>
internal sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;
        await ApiProblems.UnreadableBody(badRequest.StatusCode, badRequest.InnerException as JsonException).ExecuteAsync(httpContext);
        return true;
    }
}
