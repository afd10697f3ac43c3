using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Which unplaced cases a clinic with room should be offered: those it matches (as <see cref="ClinicMatcher"/>
/// matches) and has not already declined or let time out, most urgent first, then oldest, as many as it has free
/// slots. Each then offers itself to the clinic (<see cref="OfferToClinic"/>), so the ledger, not this list, keeps the
/// clinic within its capacity.</summary>
public sealed class FindCasesForSlot(IRecordStore records, ClinicDirectory directory)
{
    public const string Name = nameof(FindCasesForSlot);

    public async Task<string[]> RunAsync(string clinicId, CancellationToken cancellationToken = default)
    {
        if (directory.Find(clinicId) is not { } clinic) return [];
        var free = (await ClinicOccupancy.ReadAsync(records, directory, cancellationToken))[clinicId].Free;
        var cases = new List<string>();
        // ListAsync's order is the re-offer order: most urgent first, then oldest.
        foreach (var referral in await records.ListAsync(ReferralStatus.Unplaced, cancellationToken))
        {
            if (cases.Count >= free) break;
            if (!ClinicMatcher.Matches(clinic, await records.ReadNeedAsync(referral.ReferralId, cancellationToken))) continue;
            var audit = await records.ReadAuditAsync(referral.ReferralId, cancellationToken);
            if (audit.Any(entry => entry.ClinicId == clinicId && entry.Step is AuditStep.ClinicDeclined or AuditStep.ClinicTimedOut)) continue;
            cases.Add(referral.ReferralId);
        }
        return [.. cases];
    }
}
