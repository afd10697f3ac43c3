using IptTriage.Workflow.Notifications;

namespace IptTriage.Workflow.Models;

/// <param name="Sequence">Tells repeated notices of one kind apart (the third escalation is not the second), so each
/// is sent once however often its activity runs.</param>
/// <param name="NextEscalationAt">On an emergency's escalation, when the next one goes: the case's due time from now
/// on, while it is still an emergency. It rides on the notice rather than an activity of its own so that the history of
/// an instance already running keeps its shape.</param>
public sealed record NotificationRequest(string ReferralId, NotificationKind Kind, int Sequence = 0, DateTime? NextEscalationAt = null);

public enum NotificationOutcome
{
    Sent,

    /// <summary>This notice was sent by an earlier run of the same activity.</summary>
    AlreadySent,

    /// <summary>No one may be emailed for it (no address, or no consent); the audit trail says why.</summary>
    Skipped,

    /// <summary>Delivery failed for good; recorded, and coordinators alerted.</summary>
    Failed,
}
