using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>A coordinator places an unplaced case with a clinic they have arranged it with: the slot is recorded even
/// beyond the clinic's listed capacity, because a person agreed to it.</summary>
public sealed class PlaceManually(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(PlaceManually);

    public async Task RunAsync(ManualPlacementStep step, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (clinicId, by) = (step.Placement.ClinicId, step.Placement.By);
        await records.TryReserveAsync(clinicId, step.ReferralId, int.MaxValue, now, cancellationToken);
        if (await records.AlreadyRecordedAsync(step.ReferralId, ReferralStatus.Placed, AuditStep.PlacedManually, cancellationToken)) return;
        await records.SetStatusAsync(step.ReferralId, ReferralStatus.Placed, new AuditEntry(step.ReferralId, now, AuditStep.PlacedManually,
            by, []) { ClinicId = clinicId }, clinicId: clinicId, cancellationToken: cancellationToken);
    }
}
