using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="CoordinatorId">No longer accepted: the signed-in caller arranged it.</param>
/// <param name="OverrideReason">Why the case goes to a clinic that does not match it (its service, adaptations,
/// region, language, age or free capacity); required for such a clinic, kept in the audit trail only.</param>
public sealed record ManualPlacementBody(string? ClinicId, string? CoordinatorId, string? OverrideReason = null);

/// <summary><c>POST /api/referrals/{id}/placement</c>: a coordinator offers an unplaced case to a clinic they chose; the
/// clinic is told and answers as it answers any offer (a decline or no answer returns the case to unplaced).</summary>
public static class PlaceReferral
{
    public const AuditStep OverrideReasonStep = AuditStep.PlacementOverrideReason;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, ManualPlacementBody body, ClaimsPrincipal user, ClinicDirectory clinics, IRecordStore records, ReferralAccess access, ReferralEvents events,
        CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var clinicId = checks.Id("clinicId", body.ClinicId);
        checks.NoActor("coordinatorId", body.CoordinatorId);
        var caller = ApiCaller.From(user);
        var overrideReason = checks.Text("overrideReason", body.OverrideReason, required: false);
        var clinic = checks.Failed ? null : clinics.Find(clinicId);
        if (!checks.Failed && clinic is null) checks.Add("clinicId", "is not a clinic in the directory");
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status != ReferralStatus.Unplaced) return ApiProblems.Conflict("Only an unplaced referral can be offered to a clinic by hand.");

        // A case placed where it does not match is a clinical decision: a person must say why, and the audit trail
        // keeps what the reason overrode.
        var need = await PlacementNeeds.ReadAsync(records, referral, cancellationToken);
        var occupancy = (await ClinicOccupancy.ReadAsync(records, clinics, cancellationToken))[clinicId];
        var mismatches = ClinicMatcher.Mismatches(clinic!, need, occupancy.Free);
        if (mismatches.Count > 0 && overrideReason.Length == 0) return ApiProblems.ClinicDoesNotMatch(clinicId, mismatches, need.Pathway, need.Modality);
        if (overrideReason.Length > 0)
            await access.AppendReasonAsync(id, OverrideReasonStep, caller.Actor, overrideReason, clinicId, mismatches.Count > 0 ? mismatches : null);

        // A stated reason (audited) is also leave to go beyond the clinic's capacity, should it fill before the offer.
        return await events.RaiseAsync(referral, WorkflowEvents.ManualPlacement,
            new ManualPlacementRequest(clinicId, caller.Actor, OverCapacityAllowed: overrideReason.Length > 0));
    }
}
