using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api.Security;

/// <summary>Runs after authorization: a request that changes something and is authenticated by a session cookie must
/// carry the antiforgery token <c>GET /api/session</c> gave (<c>X-CSRF-TOKEN</c>), so another site cannot act with a
/// person's cookie. A key's request needs none: no browser sends a key by itself.</summary>
internal sealed class AntiforgeryForSessions(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (StaffSessions.IsSession(context.User) && ChangesState(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await TypedResults.Problem(
                $"A request made with a session cookie must carry the {StaffSessions.AntiforgeryHeaderName} header that GET /api/session gives.",
                statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool ChangesState(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
