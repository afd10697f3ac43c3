using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <summary>One clinic as the list shows it, with its own audit trail (capacity changes: who, when, from, to, reason).</summary>
public sealed record ClinicView(ClinicItem Clinic, IReadOnlyList<ClinicAuditEntry> Audit);

/// <summary><c>GET /api/clinics/{clinicId}</c>: a clinic of the directory, how full it is, and what coordinators changed about it.</summary>
public static class GetClinic
{
    public static async Task<Results<Ok<ClinicView>, ProblemHttpResult>> HandleAsync(
        string clinicId, ClinicDirectory directory, IRecordStore records, CancellationToken cancellationToken)
    {
        if (directory.Find(clinicId) is not { } clinic) return ApiProblems.ClinicNotFound();
        var occupancy = await ClinicOccupancy.ReadAsync(records, directory, cancellationToken);
        return TypedResults.Ok(new ClinicView(ClinicItem.Of(clinic, occupancy[clinicId]), await records.ReadClinicAuditAsync(clinicId, cancellationToken)));
    }
}
