using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Offers an unplaced case to one named clinic: one whose slot has freed, or one a coordinator chose. The slot
/// is reserved atomically in the capacity ledger, beyond the clinic's capacity only when a coordinator gave a reason;
/// false, with the case still unplaced, when the clinic has no room (someone else took the slot first).</summary>
public sealed class OfferToClinic(IRecordStore records, ClinicDirectory directory, TimeProvider time)
{
    public const string Name = nameof(OfferToClinic);

    public async Task<bool> RunAsync(ClinicOffer offer, CancellationToken cancellationToken = default)
    {
        var clinic = directory.Find(offer.ClinicId) ?? throw new KeyNotFoundException($"No clinic with id '{offer.ClinicId}' in the directory.");
        var now = time.GetUtcNow();
        var reserved = offer.OverCapacityAllowed
            ? await records.TryReserveAsync(clinic.Id, offer.ReferralId, int.MaxValue, now, cancellationToken)
            : await records.TryReserveWithinCapacityAsync(clinic.Id, offer.ReferralId, clinic.Capacity, now, cancellationToken);
        if (!reserved)
        {
            // A coordinator's choice that cannot be carried out is said in the trail; a freed slot someone else took is not news.
            if (offer.By is { } coordinator)
                await records.AppendAuditAsync(new AuditEntry(offer.ReferralId, now, AuditStep.ClinicFull, coordinator, []) { ClinicId = clinic.Id }, cancellationToken);
            return false;
        }

        await records.RecordOfferAsync(offer.ReferralId, clinic.Id, offer.RespondBy, offer.By is null ? AuditStep.Offered : AuditStep.OfferedManually,
            offer.By ?? Actors.System, now, cancellationToken);
        return true;
    }
}
