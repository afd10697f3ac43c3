namespace IptTriage.Workflow.Records;

/// <summary>How many referrals wait in one worklist, and how many of them are past their deadline.</summary>
public sealed record WorklistCount(int Count, int Overdue);

/// <summary>An open emergency as the crisis team and coordinators follow it, without reading its form: codes and times only.</summary>
/// <param name="AlertedAt">When it was recorded as an emergency, the moment the crisis team was alerted.</param>
/// <param name="Escalations">The supervisor escalations made so far for want of an acknowledgement.</param>
/// <param name="NextEscalationAt">When the supervisor is told next if no one acknowledges: the emergency's due time,
/// which each escalation moves on (<see cref="IReferralStore.MoveDueAsync"/>); null once none is to follow.</param>
public sealed record OpenEmergency(
    string ReferralId, DateTimeOffset ReceivedAt, DateTimeOffset? AlertedAt, int Escalations, string? Assignee, DateTimeOffset? NextEscalationAt = null);

/// <summary>What the worklists' tabs show (<see cref="IReferralStore.SummarizeWorklistsAsync"/>): a count for each, read
/// from the indexes, and the open emergencies with their alert time and escalations.</summary>
/// <param name="Assigned">Cases assigned to the username asked about; null when none was asked about.</param>
/// <param name="Emergencies">The oldest open emergencies first, at most the limit asked for; <see cref="ByStatus"/>
/// counts them all.</param>
public sealed record WorklistSummary(
    IReadOnlyDictionary<ReferralStatus, WorklistCount> ByStatus, WorklistCount? Assigned, IReadOnlyList<OpenEmergency> Emergencies)
{
    /// <summary>The statuses a worklist tab counts: the ones a person must act on.</summary>
    public static IReadOnlyList<ReferralStatus> Waiting { get; } =
        [ReferralStatus.Emergency, ReferralStatus.AwaitingReview, ReferralStatus.AwaitingClinic, ReferralStatus.Unplaced];
}
