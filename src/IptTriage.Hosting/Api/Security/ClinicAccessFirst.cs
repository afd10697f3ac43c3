using IptTriage.Api;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api.Security;

/// <summary>Runs after authorization, before the endpoint binds the body: on a <see cref="ApiRoute.ClinicAccessFirst"/>
/// route, a clinic acting on a referral it may not see gets the 404 <see cref="ReferralAccess"/> gives it.</summary>
internal sealed class ClinicAccessFirst(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ReferralAccess access)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiRoute>() is { } route
            && context.User.Identity?.IsAuthenticated == true
            && await access.RefuseBeforeBodyAsync(route, ApiCaller.From(context.User), context.Request.RouteValues["id"] as string, context.RequestAborted) is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
