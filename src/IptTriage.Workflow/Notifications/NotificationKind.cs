namespace IptTriage.Workflow.Notifications;

/// <summary>Every email the workflow sends (<c>docs/workflow.md</c>, "Notifications"), named for its audience.</summary>
public enum NotificationKind
{
    ClientReceived,
    ClientCrisisResources,
    ClientNextSteps,
    ReferrerReceived,
    ReferrerOutcome,
    CrisisTeamAlert,
    SupervisorEscalation,
    CoordinatorReviewRequested,
    CoordinatorReviewReminder,
    CoordinatorUnplaced,
    CoordinatorInvalidForm,
    CoordinatorDeliveryFailed,
    CoordinatorPhoneClient,
    ClinicCaseOffered,
    // A case closed before its care ended (issue 12).
    ClientCaseClosed,
    ReferrerCaseClosed,
    ClinicCaseWithdrawn,
}

public static class NotificationAudience
{
    /// <summary>Clients read their own language where a template exists; staff and referrers read English.</summary>
    public static bool IsClient(this NotificationKind kind) =>
        kind is NotificationKind.ClientReceived or NotificationKind.ClientCrisisResources or NotificationKind.ClientNextSteps
            or NotificationKind.ClientCaseClosed;
}
