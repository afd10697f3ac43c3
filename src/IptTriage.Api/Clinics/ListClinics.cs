using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <summary>A clinic as a coordinator placing a case by hand needs to see it: what it offers, where, to whom, and how full it is.</summary>
/// <param name="Capacity">The effective capacity: a coordinator's edit, or <paramref name="DirectoryCapacity"/> until one.</param>
/// <param name="InUse">Slots held; above <paramref name="Capacity"/> after it was lowered below what was in use.</param>
/// <param name="MinAge">The youngest age served, in whole years; absent when there is no lower limit.</param>
/// <param name="MaxAge">The oldest age served; absent when there is no upper limit.</param>
public sealed record ClinicItem(
    string Id,
    string Name,
    int Capacity,
    int InUse,
    int Free,
    int DirectoryCapacity,
    int? MinAge,
    int? MaxAge,
    IReadOnlyList<Pathway> Pathways,
    IReadOnlyList<Modality> Modalities,
    IReadOnlyList<Adaptation> Adaptations,
    IReadOnlyList<string> Regions,
    bool Telehealth,
    IReadOnlyList<string> Languages)
{
    public static ClinicItem Of(Clinic clinic, ClinicOccupancy occupancy) => new(
        clinic.Id, clinic.Name, occupancy.Capacity, occupancy.InUse, occupancy.Free, clinic.Capacity, clinic.MinAge, clinic.MaxAge,
        clinic.Pathways, clinic.Modalities, clinic.Adaptations, clinic.Regions, clinic.Telehealth, clinic.Languages);
}

/// <summary><c>GET /api/clinics</c>: the clinic directory with each clinic's age range, effective capacity, slots in use and free.</summary>
public static class ListClinics
{
    public static async Task<Ok<IReadOnlyList<ClinicItem>>> HandleAsync(ClinicDirectory directory, IRecordStore records, CancellationToken cancellationToken)
    {
        var occupancy = await ClinicOccupancy.ReadAsync(records, directory, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ClinicItem>>([.. directory.Clinics.Select(clinic => ClinicItem.Of(clinic, occupancy[clinic.Id]))]);
    }
}
