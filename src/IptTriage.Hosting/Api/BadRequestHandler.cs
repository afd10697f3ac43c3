using System.Text.Json;
using IptTriage.Triage.Decisions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api;

/// <summary>A request body that is not JSON of the route's shape answers 400 naming where it went wrong, in the same
/// <c>errors</c> shape as every other validation problem.</summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;

        var error = (badRequest.InnerException as JsonException)?.Path is { } path
            ? new FieldError(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, "has the wrong type, or the JSON is malformed here")
            : new FieldError("$", "the body must be a JSON object");
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request body could not be read.",
                Extensions = { ["errors"] = new[] { error } },
            },
        });
    }
}
