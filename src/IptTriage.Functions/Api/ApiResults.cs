using System.Text.Json;
using IptTriage.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IptTriage.Functions.Api;

/// <summary>Runs a shared handler from an HTTP function, once <see cref="ApiKeyMiddleware"/> has let the call through.</summary>
internal static class ApiResults
{
    public static async Task<IActionResult> RunAsync(Func<Task<IResult>> handle) => new ResultAction(await handle());

    /// <summary>With the body bound as minimal APIs bind it: 400 for none or <c>null</c>, 415 for one of no declared
    /// type, 400 naming where it is not of <typeparamref name="TBody"/>'s shape.</summary>
    public static async Task<IActionResult> RunAsync<TBody>(HttpRequest request, Func<TBody, Task<IResult>> handle) where TBody : class =>
        new ResultAction(await ReadAsync<TBody>(request) switch
        {
            (_, { } problem) => problem,
            var (body, _) => await handle(body!),
        });

    private static async Task<(TBody? Body, IResult? Problem)> ReadAsync<TBody>(HttpRequest request) where TBody : class
    {
        if (request.ContentLength == 0) return (null, ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, null));
        if (!request.HasJsonContentType()) return (null, ApiProblems.UnreadableBody(StatusCodes.Status415UnsupportedMediaType, null));
        try
        {
            var body = await request.ReadFromJsonAsync<TBody>(request.HttpContext.RequestAborted);
            return (body, body is null ? ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, null) : null);
        }
        catch (JsonException error)
        {
            return (null, ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, error));
        }
    }

    /// <summary>The Functions ASP.NET Core integration executes an <see cref="IActionResult"/> a function returns in
    /// every version; an <see cref="IResult"/> only in recent ones. This runs the shared handlers' results unchanged.</summary>
    private sealed class ResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
