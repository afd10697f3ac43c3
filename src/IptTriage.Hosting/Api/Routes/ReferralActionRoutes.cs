using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using IptTriage.Api.Reviews;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>The decisions people make on a referral, each raised on its orchestration.</summary>
internal static class ReferralActionRoutes
{
    public static RouteGroupBuilder MapReferralActionRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.DecideReview, DecideReview.HandleAsync).ProducesActionProblems();
        api.Map(ApiRoutes.RespondToOffer, RespondToOffer.HandleAsync).ProducesActionProblems();
        api.Map(ApiRoutes.AcknowledgeCrisis, AcknowledgeCrisis.HandleAsync).ProducesActionProblems();
        api.Map(ApiRoutes.PlaceReferral, PlaceReferral.HandleAsync).ProducesActionProblems();
        api.Map(ApiRoutes.CloseReferral, CloseReferral.HandleAsync).ProducesActionProblems();
        api.Map(ApiRoutes.DischargeReferral, DischargeReferral.HandleAsync).ProducesActionProblems();
        return api;
    }
}
