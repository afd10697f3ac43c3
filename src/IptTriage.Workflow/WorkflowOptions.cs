using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow;

/// <summary>Who staff notifications go to, where links point, and the deadlines of <c>docs/workflow.md</c>.
/// Bound from the <c>Workflow</c> configuration section.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    public string CoordinatorsEmail { get; set; } = "intake-coordinators@localhost";

    public string CrisisTeamEmail { get; set; } = "crisis-team@localhost";

    public string SupervisorEmail { get; set; } = "supervisor@localhost";

    /// <summary>The web workspace's address (<c>Workspace:BaseUrl</c>, which the host sets: <c>serve</c> from where it
    /// listens); staff email links are <see cref="CaseLink"/>.</summary>
    public Uri WorkspaceBaseUrl
    {
        get;
        // Kept with a trailing slash, so a base with a path (https://host/triage) keeps it in every link.
        set => field = value.AbsoluteUri.EndsWith('/') ? value : new Uri(value.AbsoluteUri + "/");
    } = new("http://localhost/");

    public TimeSpan UrgentReviewDeadline { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan RoutineReviewDeadline { get; set; } = TimeSpan.FromHours(48);

    public TimeSpan UrgentClinicResponseDeadline { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan RoutineClinicResponseDeadline { get; set; } = TimeSpan.FromHours(72);

    public TimeSpan EmergencyEscalationInterval { get; set; } = TimeSpan.FromMinutes(15);

    public int MaxEmergencyEscalations { get; set; } = 8;

    /// <summary>How many freed slots and coordinators' choices an unplaced case takes up before it only waits for a
    /// close (a supervisor is told): a bound on its history, far above what a case meets.</summary>
    public int MaxPlacementChances { get; set; } = 100;

    /// <summary>The case's page in the web workspace: <c>{WorkspaceBaseUrl}cases/{referralId}</c>.</summary>
    public Uri CaseLink(string referralId) => new(WorkspaceBaseUrl, $"cases/{Uri.EscapeDataString(referralId)}");

    /// <summary>Urgent and emergency reviews get the short deadline.</summary>
    public TimeSpan ReviewDeadline(Urgency urgency) => urgency == Urgency.Routine ? RoutineReviewDeadline : UrgentReviewDeadline;

    public TimeSpan ClinicResponseDeadline(Urgency urgency) => urgency == Urgency.Routine ? RoutineClinicResponseDeadline : UrgentClinicResponseDeadline;
}
