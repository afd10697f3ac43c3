using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Workflow step 6: reserves a slot with the first matching clinic not yet tried that has room within its
/// effective capacity (a coordinator's edit, else the directory's), and marks the
/// referral as awaiting it. Returns null, with the referral <c>unplaced</c>, when no clinic is left.
/// Run again after a crash, it finds its own reservation and offers the same clinic, audited once.</summary>
public sealed class OfferToNextClinic(IRecordStore records, ClinicDirectory directory, TimeProvider time)
{
    public const string Name = nameof(OfferToNextClinic);

    public async Task<string?> RunAsync(PlacementRequest request, CancellationToken cancellationToken = default)
    {
        var need = await records.ReadNeedAsync(request.ReferralId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var clinic in ClinicMatcher.Candidates(directory.Clinics, need, request.ClinicsTried.ToHashSet(StringComparer.Ordinal)))
        {
            if (!await records.TryReserveWithinCapacityAsync(clinic.Id, request.ReferralId, clinic.Capacity, now, cancellationToken)) continue;
            await records.RecordOfferAsync(request.ReferralId, clinic.Id, request.RespondBy, AuditStep.Offered, Actors.System, now, cancellationToken);
            return clinic.Id;
        }

        if (await records.AlreadyRecordedAsync(request.ReferralId, ReferralStatus.Unplaced, AuditStep.Unplaced, cancellationToken)) return null;
        await records.SetStatusAsync(request.ReferralId, ReferralStatus.Unplaced, new AuditEntry(request.ReferralId, now, AuditStep.Unplaced, Actors.System, []),
            cancellationToken: cancellationToken);
        return null;
    }
}
