using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>What every offer of a case to a clinic shares, however the clinic was chosen (the matcher's next clinic, a
/// freed slot, a coordinator's choice).</summary>
internal static class Offers
{
    /// <summary>What the case needs from a clinic (<see cref="PlacementNeeds"/>).</summary>
    public static async Task<PlacementNeed> ReadNeedAsync(this IRecordStore records, string referralId, CancellationToken cancellationToken) =>
        await PlacementNeeds.ReadAsync(records, await records.FindAsync(referralId, cancellationToken)
            ?? throw new KeyNotFoundException($"No referral with id '{referralId}'."), cancellationToken);

    /// <summary>Marks the referral as awaiting <paramref name="clinicId"/>'s answer by <paramref name="respondBy"/>, once
    /// (a rerun after a crash finds its entry); the slot must already be reserved.</summary>
    public static async Task RecordOfferAsync(this IRecordStore records, string referralId, string clinicId, DateTime respondBy,
        AuditStep step, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await records.AlreadyRecordedAsync(referralId, ReferralStatus.AwaitingClinic, step, cancellationToken)) return;
        var due = new DateTimeOffset(respondBy, TimeSpan.Zero);
        await records.SetStatusAsync(referralId, ReferralStatus.AwaitingClinic,
            new AuditEntry(referralId, now, step, actor, []) { ClinicId = clinicId, DueAt = due }, due, clinicId, cancellationToken);
    }
}
