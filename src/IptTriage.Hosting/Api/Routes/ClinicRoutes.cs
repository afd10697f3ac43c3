using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>Clinics as coordinators manage them: one clinic with its audit trail, its capacity, and the clinics a case
/// could go to; and a clinic's own worklist.</summary>
internal static class ClinicRoutes
{
    public static RouteGroupBuilder MapClinicRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.GetClinic, GetClinic.HandleAsync).ProducesProblem(StatusCodes.Status404NotFound);
        api.Map(ApiRoutes.SetClinicCapacity, SetClinicCapacity.HandleAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.Map(ApiRoutes.ListPlacementOptions, ListPlacementOptions.HandleAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.Map(ApiRoutes.ListClinicCases, ListClinicCases.HandleAsync);
        return api;
    }
}
