using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Triage;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="CoordinatorId">No longer accepted: the signed-in caller arranged it.</param>
/// <param name="OverrideReason">Why the case goes to a clinic that offers neither its pathway nor its modality (required
/// for such a clinic), or beyond a full clinic's capacity (without it a full clinic is not offered the case); kept in
/// the audit trail only.</param>
public sealed record ManualPlacementBody(string? ClinicId, string? CoordinatorId, string? OverrideReason = null);

/// <summary><c>POST /api/referrals/{id}/placement</c>: a coordinator offers an unplaced case to a clinic they chose; the
/// clinic is told and answers as it answers any offer (a decline or no answer returns the case to unplaced).</summary>
public static class PlaceReferral
{
    public const AuditStep OverrideReasonStep = AuditStep.PlacementOverrideReason;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, ManualPlacementBody body, ClaimsPrincipal user, ClinicDirectory clinics, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
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

        // A case placed where its service is not offered is a clinical decision: a person must say why.
        if (referral.Routing is { } routing && !ClinicMatcher.OffersService(clinic!, routing.Pathway, routing.Modality) && overrideReason.Length == 0)
        {
            return routing.Modality is { } modality
                ? ApiProblems.ServiceNotOffered(clinicId, "modality", WireCode.Of(modality))
                : ApiProblems.ServiceNotOffered(clinicId, "pathway", WireCode.Of(routing.Pathway));
        }
        if (overrideReason.Length > 0) await access.AppendReasonAsync(id, OverrideReasonStep, caller.Actor, overrideReason);

        // A stated reason (audited) is also leave to go beyond the clinic's capacity; without one the offer needs a free slot.
        return await events.RaiseAsync(referral, WorkflowEvents.ManualPlacement,
            new ManualPlacementRequest(clinicId, caller.Actor, OverCapacityAllowed: overrideReason.Length > 0));
    }
}
