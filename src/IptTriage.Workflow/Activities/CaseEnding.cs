using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Ends a case for good: the slot it holds (offered or placed) goes back to the clinic, and the final status is
/// recorded with its entry, which names the clinic released. Returns that clinic, so the orchestration can offer its
/// slot on; a rerun after a crash finds its entry and returns the same.</summary>
internal static class CaseEnding
{
    public static async Task<string?> EndAsync(this IRecordStore records, string referralId, ReferralStatus final, AuditEntry entry,
        CancellationToken cancellationToken)
    {
        var referral = await records.FindAsync(referralId, cancellationToken) ?? throw new KeyNotFoundException($"No referral with id '{referralId}'.");
        if (referral.Status == final && (await records.ReadAuditAsync(referralId, cancellationToken)).LastOrDefault() is { } last && last.Step == entry.Step)
            return last.ClinicId;

        var released = referral.Status is ReferralStatus.AwaitingClinic or ReferralStatus.Placed ? referral.ClinicId : null;
        if (released is not null) await records.ReleaseAsync(released, referralId, cancellationToken);
        await records.SetStatusAsync(referralId, final, entry with { ClinicId = released }, cancellationToken: cancellationToken);
        return released;
    }
}
