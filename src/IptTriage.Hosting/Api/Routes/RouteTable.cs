using IptTriage.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

internal static class RouteTable
{
    /// <summary>Maps a route of <see cref="ApiRoutes"/> as the table says (method, template, role policy), carrying the
    /// <see cref="ApiRoute"/> as endpoint metadata for the middleware that acts on it (<see cref="ClinicAccessFirst"/>).</summary>
    public static RouteHandlerBuilder Map(this RouteGroupBuilder api, ApiRoute route, Delegate handler) => api
        .MapMethods(route.Template, [route.Method], handler)
        .RequireAuthorization(route.Policy)
        .WithName(route.Name)
        .WithMetadata(route);

    /// <summary>What an action on a referral can answer besides 202: a bad body, an unknown referral, or the wrong state.</summary>
    public static RouteHandlerBuilder ProducesActionProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
