using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Hosting.Api.Referrals;

/// <param name="CoordinatorId">Who arranged the placement, for the audit trail.</param>
public sealed record ManualPlacementBody(string? ClinicId, string? CoordinatorId);

/// <summary><c>POST /api/referrals/{id}/placement</c>: a coordinator places an unplaced case with a clinic by hand.</summary>
public static class PlaceReferral
{
    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, ManualPlacementBody body, ClinicDirectory clinics, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var clinicId = checks.Id("clinicId", body.ClinicId);
        var coordinatorId = checks.Id("coordinatorId", body.CoordinatorId);
        if (!checks.Failed && clinics.Find(clinicId) is null) checks.Add("clinicId", "is not a clinic in the directory");
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var (referral, problem) = await access.FindAsync(id, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status != ReferralStatus.Unplaced) return ApiProblems.Conflict("Only an unplaced referral can be placed by hand.");

        return await events.RaiseAsync(referral, WorkflowEvents.ManualPlacement, new ManualPlacementRequest(clinicId, coordinatorId));
    }
}
