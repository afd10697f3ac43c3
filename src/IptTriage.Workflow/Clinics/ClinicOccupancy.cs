using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Clinics;

/// <summary>How full a clinic is.</summary>
/// <param name="Capacity">Its effective capacity: what a coordinator last set (<see cref="ICapacityLedger.SetCapacityAsync"/>),
/// or the directory's until one does.</param>
/// <param name="InUse">Slots held; more than <paramref name="Capacity"/> after a coordinator lowered it below what was in use.</param>
public sealed record ClinicOccupancy(int Capacity, int InUse)
{
    public int Free => Math.Max(0, Capacity - InUse);

    /// <summary>Every clinic in the directory, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, ClinicOccupancy>> ReadAsync(ICapacityLedger ledger, ClinicDirectory directory, CancellationToken cancellationToken = default)
    {
        var edited = await ledger.EditedCapacitiesAsync(cancellationToken);
        var inUse = await ledger.SlotsInUseAsync(cancellationToken);
        return directory.Clinics.ToDictionary(
            clinic => clinic.Id,
            clinic => new ClinicOccupancy(edited.GetValueOrDefault(clinic.Id, clinic.Capacity), inUse.GetValueOrDefault(clinic.Id)),
            StringComparer.Ordinal);
    }
}
