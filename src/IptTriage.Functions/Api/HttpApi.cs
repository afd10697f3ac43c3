using System.Text.Json;
using IptTriage.Hosting.Api;
using IptTriage.Hosting.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IptTriage.Functions.Api;

/// <summary>One API call in the order the local host's pipeline makes it: a known <c>X-Api-Key</c> (401), for a route
/// that takes JSON a body declared as such (415: routing refuses it there), the route's role policy (403), then the
/// body and the handler <c>iptriage serve</c> runs. Function keys (<c>AuthorizationLevel.Function</c>) are checked by
/// the Functions host before any of this.</summary>
public sealed class HttpApi(ApiKeyring keyring)
{
    public Task<IActionResult> RunAsync(HttpRequest request, string policy, Func<ApiCaller, Task<IResult>> handle) =>
        RunAsync(request, policy, takesJson: false, handle);

    /// <summary>For <c>POST /api/referrals</c>, whose handler reads the body itself.</summary>
    public Task<IActionResult> RunJsonAsync(HttpRequest request, string policy, Func<ApiCaller, Task<IResult>> handle) =>
        RunAsync(request, policy, takesJson: true, handle);

    /// <summary>With the body bound as minimal APIs bind it: 400 for none or <c>null</c>, 415 for one of no declared
    /// type, 400 naming where it is not of <typeparamref name="TBody"/>'s shape.</summary>
    public Task<IActionResult> RunAsync<TBody>(HttpRequest request, string policy, Func<ApiCaller, TBody, Task<IResult>> handle)
        where TBody : class =>
        RunAsync(request, policy, takesJson: true, async caller => await ReadAsync<TBody>(request) switch
        {
            (_, { } problem) => problem,
            var (body, _) => await handle(caller, body!),
        });

    private async Task<IActionResult> RunAsync(HttpRequest request, string policy, bool takesJson, Func<ApiCaller, Task<IResult>> handle)
    {
        var presented = request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString();
        var caller = presented.Length == 0 ? null : keyring.Find(presented);
        var refusal = caller is null ? ApiProblems.Unauthorized()
            : takesJson && request.ContentType is { Length: > 0 } && !request.HasJsonContentType() ? ApiProblems.UnsupportedMediaType()
            : !ApiPolicies.Admits(policy, caller) ? ApiProblems.Forbidden()
            : null;
        return new ResultAction(refusal ?? await handle(caller!));
    }

    private async Task<(TBody? Body, IResult? Problem)> ReadAsync<TBody>(HttpRequest request) where TBody : class
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
