using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <summary>A clinic as a coordinator placing a case by hand needs to see it: what it offers, where, and how full it is.</summary>
public sealed record ClinicItem(
    string Id,
    string Name,
    int Capacity,
    int InUse,
    IReadOnlyList<Pathway> Pathways,
    IReadOnlyList<Modality> Modalities,
    IReadOnlyList<Adaptation> Adaptations,
    IReadOnlyList<string> Regions,
    bool Telehealth,
    IReadOnlyList<string> Languages);

/// <summary><c>GET /api/clinics</c>: the clinic directory with capacity used and total.</summary>
public static class ListClinics
{
    public static async Task<Ok<IReadOnlyList<ClinicItem>>> HandleAsync(ClinicDirectory directory, IRecordStore records, CancellationToken cancellationToken)
    {
        var inUse = await records.SlotsInUseAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ClinicItem>>([.. directory.Clinics.Select(clinic => new ClinicItem(
            clinic.Id, clinic.Name, clinic.Capacity, inUse.GetValueOrDefault(clinic.Id),
            clinic.Pathways, clinic.Modalities, clinic.Adaptations, clinic.Regions, clinic.Telehealth, clinic.Languages))]);
    }
}
