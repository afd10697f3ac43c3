using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using IptTriage.Api.Reviews;
using IptTriage.Api.Worklists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>What coordinators read to work: the referral list and its search, the review worklist, the worklists' counts, the clinic directory with capacity, the intake form's schema.</summary>
internal static class WorklistRoutes
{
    public static RouteGroupBuilder MapWorklistRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.ListReferrals, ListReferrals.HandleAsync);
        api.Map(ApiRoutes.SearchReferrals, SearchReferrals.HandleAsync).ProducesProblem(StatusCodes.Status400BadRequest);
        api.Map(ApiRoutes.ListReviews, ListReviews.HandleAsync);
        api.Map(ApiRoutes.GetWorklists, GetWorklists.HandleAsync);
        api.Map(ApiRoutes.ListClinics, ListClinics.HandleAsync);
        api.Map(ApiRoutes.GetIntakeFormSchema, GetIntakeFormSchema.Handle);
        return api;
    }
}
