using IptTriage.Hosting.Api.Security;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Api.Referrals;

/// <summary>Marks a route on <c>/api/referrals/{id}</c> that a clinic may call with a body: whether the clinic may see
/// the referral is checked before the body is read, so a clinic is told nothing about a referral it may not see, not
/// even that its body was malformed.</summary>
public sealed class ClinicAccessFirstMetadata;

/// <summary>Runs after authorization, before the endpoint binds the body: a clinic acting on a referral it may not see
/// gets the 404 <see cref="ReferralAccess"/> gives it.</summary>
internal sealed class ClinicAccessFirst(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ReferralAccess access)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ClinicAccessFirstMetadata>() is not null
            && context.User.Identity?.IsAuthenticated == true
            && ApiCaller.From(context.User) is { Role: ApiRole.Clinic } caller
            && context.Request.RouteValues["id"] is string id
            && (await access.FindAsync(id, caller, context.RequestAborted)).Problem is { } problem)
        {
            await problem.ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
