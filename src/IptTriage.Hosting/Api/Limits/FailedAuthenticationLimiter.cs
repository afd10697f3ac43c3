using IptTriage.Api;
using IptTriage.Api.Limits;
using IptTriage.Api.Security;
using IptTriage.Hosting.Api.Security;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api.Limits;

/// <summary>Runs before authentication: an address that has sent too many unknown keys, forged or stale session
/// cookies or wrong passwords this minute is answered 429 for anything, the right key included, so credentials cannot
/// be guessed at speed. Every 401 counts but one to a read that presented no credential at all: a browser opening the
/// workspace asks who is signed in before anyone is (<c>GET /api/session</c>), and a room of people behind one
/// address doing so must not lock each other out; such a request guesses nothing.</summary>
internal sealed class FailedAuthenticationLimiter(RequestDelegate next, ApiLimiters limiters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (var allowed = limiters.CheckAuthenticationAllowed(context))
        {
            if (!allowed.IsAcquired)
            {
                await ApiProblems.TooManyRequests(context, allowed).ExecuteAsync(context);
                return;
            }
        }
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && PresentedCredentials(context.Request))
            limiters.CountFailedAuthentication(context);
    }

    private static bool PresentedCredentials(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        || request.Headers.ContainsKey(ApiKeyring.HeaderName)
        || request.Cookies.ContainsKey(StaffSessions.CookieName);
}
