using IptTriage.Api;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Api;

/// <summary>The <c>X-Api-Key</c> gate of every HTTP function, in the order the local host's pipeline makes its checks:
/// a known key (401); for a route that takes JSON, a body declared as such (415: routing refuses it there); the role
/// policy <see cref="ApiRoutes"/> gives the function's name (403); then, on a <see cref="ApiRoute.ClinicAccessFirst"/>
/// route, whether a clinic may see the referral (404), all before the function runs and so before its body is read.
/// The caller becomes the request's user, which the handlers read. The Functions host asks for no function key
/// (<see cref="HttpFunctions.Access"/>): this is the gate. A request without a key may be a person signed in with Microsoft Entra ID
/// (<see cref="AppServicePrincipal"/>): for one of those, a POST must declare its JSON (415 otherwise), so that a
/// browser's session cookie cannot be used by a form on another site (such a request cannot send
/// <c>application/json</c> without a CORS preflight, which the app does not allow).</summary>
public sealed class ApiKeyMiddleware(ApiKeyring keyring, AppServicePrincipal people) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        // As the local host's SecurityHeaders: an answer with personal data must not outlive the page in a shared
        // browser's cache (the Static Web App's own headers are not known to reach what its linked backend answers).
        http.Response.Headers.CacheControl = "no-store";
        // The session functions answer from the platform's principal alone, never from a key (SessionFunctions).
        if (SessionFunctions.Names.Contains(context.FunctionDefinition.Name))
        {
            await next(context);
            return;
        }
        // Any other HTTP function the table does not know has no policy: it fails rather than runs unchecked.
        var route = ApiRoutes.Find(context.FunctionDefinition.Name)
            ?? throw new InvalidOperationException($"The HTTP function {context.FunctionDefinition.Name} has no route in ApiRoutes.");
        if (await RefuseAsync(route, http, context) is { } refusal)
        {
            // Written here, the function never runs; the ASP.NET Core integration sends what the response holds.
            await refusal.ExecuteAsync(http);
            return;
        }
        await next(context);
    }

    private async Task<IResult?> RefuseAsync(ApiRoute route, HttpContext http, FunctionContext context)
    {
        var request = http.Request;
        var presented = request.Headers[ApiKeyring.HeaderName].ToString();
        var person = presented.Length == 0 && people.Presents(request);
        // A person Entra signed in who holds no role of this API is known, and refused as such.
        if ((person ? people.Find(request) : presented.Length == 0 ? null : keyring.Find(presented)) is not { } caller)
            return person ? ApiProblems.Forbidden() : ApiProblems.Unauthorized();
        if (route.TakesJson && (request.ContentType is { Length: > 0 } || person) && !request.HasJsonContentType()) return ApiProblems.UnsupportedMediaType();
        if (!ApiPolicies.Admits(route.Policy, caller)) return ApiProblems.Forbidden();

        http.User = caller.ToPrincipal(person ? AppServicePrincipal.SchemeName : ApiKeyring.SchemeName);
        // The host gives route values as binding data, by name.
        var referralId = context.BindingContext.BindingData.TryGetValue("id", out var id) ? id?.ToString() : null;
        var access = context.InstanceServices.GetRequiredService<ReferralAccess>();
        return await access.RefuseBeforeBodyAsync(route, caller, referralId, http.RequestAborted);
    }
}
