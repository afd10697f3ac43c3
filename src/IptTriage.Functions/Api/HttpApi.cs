using System.Text.Json;
using IptTriage.Hosting.Api;
using IptTriage.Hosting.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IptTriage.Functions.Api;

/// <summary>One API call in the order the local host's pipeline makes it: the key and the route's policy, then the
/// body, then the handler <c>iptriage serve</c> runs. Function keys (<c>AuthorizationLevel.Function</c>) are checked
/// by the Functions host before any of this.</summary>
public sealed class HttpApi(ApiKeyGate gate, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task<IActionResult> RunAsync(HttpRequest request, string policy, Func<ApiCaller, Task<IResult>> handle)
    {
        var (caller, problem) = gate.Admit(request, policy);
        return new ResultAction(problem ?? await handle(caller!));
    }

    /// <summary>As above, with a JSON body read as minimal APIs read it: 415 unless declared JSON, 400 naming where
    /// it is not of <typeparamref name="TBody"/>'s shape, 400 for no body or <c>null</c>.</summary>
    public Task<IActionResult> RunAsync<TBody>(HttpRequest request, string policy, Func<ApiCaller, TBody, Task<IResult>> handle)
        where TBody : class =>
        RunAsync(request, policy, async caller => await ReadAsync<TBody>(request) switch
        {
            (_, { } problem) => problem,
            var (body, _) => await handle(caller, body!),
        });

    private async Task<(TBody? Body, IResult? Problem)> ReadAsync<TBody>(HttpRequest request) where TBody : class
    {
        if (request.ContentLength == 0) return (null, ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, null));
        if (!request.HasJsonContentType()) return (null, ApiProblems.UnreadableBody(StatusCodes.Status415UnsupportedMediaType, null));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<TBody>(request.Body, json.Value.SerializerOptions, request.HttpContext.RequestAborted);
            return (body, body is null ? ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, null) : null);
        }
        catch (JsonException error)
        {
            return (null, ApiProblems.UnreadableBody(StatusCodes.Status400BadRequest, error));
        }
    }

    /// <summary>The Functions ASP.NET Core integration executes an <see cref="IActionResult"/> a function returns,
    /// not an <see cref="IResult"/>; this runs the shared handlers' results unchanged.</summary>
    private sealed class ResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }
}
