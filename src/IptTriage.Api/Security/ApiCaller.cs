using System.Security.Claims;
using IptTriage.Workflow.Records;

namespace IptTriage.Api.Security;

/// <summary>The roles of <c>docs/workflow.md</c> ("Working a case"). <see cref="Supervisor"/> acts in a coordinator's
/// place; <see cref="Crisis"/> is the on-call crisis team, which sees and acknowledges emergencies; <see cref="Intake"/>
/// is a machine that submits referrals; <see cref="Clinic"/> is one clinic's staff or system.</summary>
public enum ApiRole { Coordinator, Supervisor, Crisis, Intake, Clinic }

/// <summary>Who is calling: a role, for a clinic which one, and <paramref name="Actor"/>, the name the audit trail
/// records for what they do (<see cref="Actors"/>: a signed-in person or a named key, never a value from a request body).</summary>
public sealed record ApiCaller(ApiRole Role, string Actor, string? ClinicId = null)
{
    public const string ClinicIdClaim = "iptriage:clinic-id";

    /// <summary>The role names of <c>Api:Keys</c> and of staff accounts.</summary>
    public const string CoordinatorRole = "coordinator", SupervisorRole = "supervisor", CrisisRole = "crisis", IntakeRole = "intake";

    private const string ClinicPrefix = "clinic:";

    public static string ClinicRole(string clinicId) => ClinicPrefix + clinicId;

    /// <summary>The role name of <paramref name="role"/> and <paramref name="clinicId"/>, as <see cref="ParseRole"/> reads it.</summary>
    public static string RoleName(ApiRole role, string? clinicId) => role == ApiRole.Clinic ? ClinicRole(clinicId!) : role switch
    {
        ApiRole.Coordinator => CoordinatorRole,
        ApiRole.Supervisor => SupervisorRole,
        ApiRole.Crisis => CrisisRole,
        _ => IntakeRole,
    };

    /// <returns>Null when <paramref name="role"/> is not <c>coordinator</c>, <c>supervisor</c>, <c>crisis</c>,
    /// <c>intake</c> or <c>clinic:&lt;clinicId&gt;</c>.</returns>
    public static (ApiRole Role, string? ClinicId)? ParseRole(string? role) => role switch
    {
        CoordinatorRole => (ApiRole.Coordinator, null),
        SupervisorRole => (ApiRole.Supervisor, null),
        CrisisRole => (ApiRole.Crisis, null),
        IntakeRole => (ApiRole.Intake, null),
        _ when role?.StartsWith(ClinicPrefix, StringComparison.Ordinal) == true && role.Length > ClinicPrefix.Length =>
            (ApiRole.Clinic, role[ClinicPrefix.Length..]),
        _ => null,
    };

    /// <summary>The signed-in person's username (<c>user:&lt;username&gt;</c>), or null for an API key.</summary>
    public string? Username => Actor.StartsWith(UserActorPrefix, StringComparison.Ordinal) ? Actor[UserActorPrefix.Length..] : null;

    private const string UserActorPrefix = "user:";

    /// <summary>Coordinators and supervisors: every referral, every worklist, every decision.</summary>
    public bool IsCoordinating => Role is ApiRole.Coordinator or ApiRole.Supervisor;

    public static ApiCaller From(ClaimsPrincipal user) =>
        new(Enum.Parse<ApiRole>(user.FindFirstValue(ClaimTypes.Role)!), user.FindFirstValue(ClaimTypes.Name)!, user.FindFirstValue(ClinicIdClaim));

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, Role.ToString()), new(ClaimTypes.Name, Actor) };
        if (ClinicId is not null) claims.Add(new Claim(ClinicIdClaim, ClinicId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
