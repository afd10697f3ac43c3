using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Activities run at least once: a crash after an activity's record commits, before the engine records its
/// result, runs it again. An activity that moves a referral to a status with an audit entry asks this first, so the
/// rerun finds its own work done instead of auditing the step twice.</summary>
internal static class AtLeastOnce
{
    /// <summary>True when the referral is already at <paramref name="status"/> and its newest audit entry is
    /// <paramref name="step"/>: what this activity's earlier run left.</summary>
    public static async Task<bool> AlreadyRecordedAsync(this IRecordStore records, string referralId, ReferralStatus status, AuditStep step,
        CancellationToken cancellationToken) =>
        await records.FindAsync(referralId, cancellationToken) is { } record && record.Status == status
        && (await records.ReadAuditAsync(referralId, cancellationToken)).LastOrDefault()?.Step == step;
}
