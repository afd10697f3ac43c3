using System.Security.Claims;

namespace IptTriage.Api.Security;

public enum ApiRole { Coordinator, Intake, Clinic }

/// <summary>Who a key speaks for: a role, and for a clinic, which one.</summary>
public sealed record ApiCaller(ApiRole Role, string? ClinicId = null)
{
    public const string ClinicIdClaim = "iptriage:clinic-id";

    /// <summary>The role names of <c>Api:Keys</c>.</summary>
    public const string CoordinatorRole = "coordinator", IntakeRole = "intake";

    private const string ClinicPrefix = "clinic:";

    public static string ClinicRole(string clinicId) => ClinicPrefix + clinicId;

    /// <returns>Null when <paramref name="role"/> is not <c>coordinator</c>, <c>intake</c> or <c>clinic:&lt;clinicId&gt;</c>.</returns>
    public static ApiCaller? Parse(string? role) => role switch
    {
        CoordinatorRole => new ApiCaller(ApiRole.Coordinator),
        IntakeRole => new ApiCaller(ApiRole.Intake),
        _ when role?.StartsWith(ClinicPrefix, StringComparison.Ordinal) == true && role.Length > ClinicPrefix.Length =>
            new ApiCaller(ApiRole.Clinic, role[ClinicPrefix.Length..]),
        _ => null,
    };

    public static ApiCaller From(ClaimsPrincipal user) =>
        new(Enum.Parse<ApiRole>(user.FindFirstValue(ClaimTypes.Role)!), user.FindFirstValue(ClinicIdClaim));

    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, Role.ToString()) };
        if (ClinicId is not null) claims.Add(new Claim(ClinicIdClaim, ClinicId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyring.SchemeName));
    }
}
