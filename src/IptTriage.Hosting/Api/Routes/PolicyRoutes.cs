using System.Text.Json;
using IptTriage.Api;
using IptTriage.Api.Policy;
using IptTriage.Api.WhatIf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>The triage policy the server screens with, and trying a change to it before making it.</summary>
internal static class PolicyRoutes
{
    public static RouteGroupBuilder MapPolicyRoutes(this RouteGroupBuilder api)
    {
        api.Map(ApiRoutes.RunPolicyWhatIf, PolicyWhatIf.HandleAsync)
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.Map(ApiRoutes.GetPolicy, GetPolicy.Handle);
        return api;
    }
}
