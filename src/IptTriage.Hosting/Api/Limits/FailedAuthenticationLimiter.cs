using IptTriage.Api;
using IptTriage.Api.Limits;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api.Limits;

/// <summary>Runs before authentication: an address that has sent too many unknown or missing keys this minute is
/// answered 429 for anything, the right key included, so keys cannot be guessed at speed; every 401 counts.</summary>
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
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized) limiters.CountFailedAuthentication(context);
    }
}
