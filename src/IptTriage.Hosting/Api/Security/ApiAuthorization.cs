using IptTriage.Api.Security;
using Microsoft.AspNetCore.Authorization;

namespace IptTriage.Hosting.Api.Security;

/// <summary>The role policies of <see cref="ApiPolicies"/> as ASP.NET Core authorization policies.</summary>
internal static class ApiAuthorization
{
    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in ApiPolicies.Roles)
            options.AddPolicy(policy, builder => builder.RequireRole(roles.Select(role => role.ToString())));
        // Every route needs a key or a signed-in person, including the OpenAPI document.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(StaffSessions.KeyOrSessionScheme).RequireAuthenticatedUser().Build();
    }
}
