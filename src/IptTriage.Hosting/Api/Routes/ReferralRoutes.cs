using System.Text.Json;
using IptTriage.Api;
using IptTriage.Api.Referrals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>Submitting and reading a referral.</summary>
internal static class ReferralRoutes
{
    public static RouteGroupBuilder MapReferralRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.SubmitReferral, SubmitReferral.HandleAsync)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.Map(ApiRoutes.GetReferral, GetReferral.HandleAsync).ProducesProblem(StatusCodes.Status404NotFound);
        api.Map(ApiRoutes.GetReferralSource, GetReferralSource.HandleAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
