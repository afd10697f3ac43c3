using IptTriage.Api;
using IptTriage.Api.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>What coordinators keep about a case beside the workflow: its assignee and case notes.</summary>
internal static class CaseWorkRoutes
{
    public static RouteGroupBuilder MapCaseWorkRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.AssignReferral, AssignReferral.HandleAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.Map(ApiRoutes.AddCaseNote, AddCaseNote.HandleAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
