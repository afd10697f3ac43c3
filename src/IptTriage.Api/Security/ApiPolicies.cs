namespace IptTriage.Api.Security;

/// <summary>Which roles may call which routes (<c>docs/api.md</c>). Whether a clinic or the crisis team may see a
/// particular referral is decided per referral, by <see cref="Referrals.ReferralAccess"/>.</summary>
public static class ApiPolicies
{
    public const string Coordinator = nameof(Coordinator);
    public const string Submit = nameof(Submit);
    public const string ReadReferral = nameof(ReadReferral);
    public const string Worklist = nameof(Worklist);
    public const string Crisis = nameof(Crisis);
    public const string Clinic = nameof(Clinic);
    public const string AnyKey = nameof(AnyKey);

    /// <summary>The roles each policy admits: ASP.NET Core authorization reads them locally, the Functions app's key
    /// middleware on Azure. A supervisor acts in a coordinator's place, so every coordinator policy admits one.</summary>
    public static IReadOnlyDictionary<string, ApiRole[]> Roles { get; } = new Dictionary<string, ApiRole[]>
    {
        [Coordinator] = [ApiRole.Coordinator, ApiRole.Supervisor],
        [Submit] = [ApiRole.Coordinator, ApiRole.Supervisor, ApiRole.Intake],
        [ReadReferral] = [ApiRole.Coordinator, ApiRole.Supervisor, ApiRole.Crisis, ApiRole.Clinic],
        // The crisis team's list holds emergencies only (ListReferrals).
        [Worklist] = [ApiRole.Coordinator, ApiRole.Supervisor, ApiRole.Crisis],
        [Crisis] = [ApiRole.Coordinator, ApiRole.Supervisor, ApiRole.Crisis],
        [Clinic] = [ApiRole.Clinic],
        [AnyKey] = Enum.GetValues<ApiRole>(),
    };

    public static bool Admits(string policy, ApiCaller caller) => Roles[policy].Contains(caller.Role);
}
