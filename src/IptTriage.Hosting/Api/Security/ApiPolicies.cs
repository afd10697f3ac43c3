using Microsoft.AspNetCore.Authorization;

namespace IptTriage.Hosting.Api.Security;

/// <summary>Which roles may call which routes (<c>docs/api.md</c>). Whether a clinic may see a particular referral is
/// decided per referral, by <see cref="Referrals.ClinicAccess"/>.</summary>
public static class ApiPolicies
{
    public const string Coordinator = nameof(Coordinator);
    public const string Submit = nameof(Submit);
    public const string ReadReferral = nameof(ReadReferral);
    public const string Clinic = nameof(Clinic);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Coordinator, policy => policy.RequireRole(nameof(ApiRole.Coordinator)));
        options.AddPolicy(Submit, policy => policy.RequireRole(nameof(ApiRole.Coordinator), nameof(ApiRole.Intake)));
        options.AddPolicy(ReadReferral, policy => policy.RequireRole(nameof(ApiRole.Coordinator), nameof(ApiRole.Clinic)));
        options.AddPolicy(Clinic, policy => policy.RequireRole(nameof(ApiRole.Clinic)));
        // Every route needs a key, including the OpenAPI document and the schema.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
    }
}
