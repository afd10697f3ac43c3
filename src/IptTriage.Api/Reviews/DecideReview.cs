using System.Security.Claims;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Reviews;

/// <param name="Decision"><c>approve</c>, <c>override</c> or <c>close</c>.</param>
/// <param name="Pathway">With <c>override</c> only: the pathway to place for.</param>
/// <param name="Modality">With an override to <c>alternative</c> only: the service to place with.</param>
/// <param name="Reason">Why; kept in the audit trail only.</param>
/// <param name="CoordinatorId">No longer accepted: the signed-in caller decides.</param>
public sealed record ReviewBody(string? Decision, string? Pathway, string? Modality, string? Reason, string? CoordinatorId);

/// <summary><c>POST /api/referrals/{id}/review</c>: a coordinator decides a referral awaiting review.</summary>
public static class DecideReview
{
    public const AuditStep ReasonStep = AuditStep.ReviewReason;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, ReviewBody body, ClaimsPrincipal user, ReferralAccess access, ReferralEvents events, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var reason = checks.Text("reason", body.Reason, required: true);
        var caller = ApiCaller.From(user);
        var decision = Parse(body, caller.Actor, checks);
        if (decision is null) return ApiProblems.Invalid(checks.Errors);

        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status != ReferralStatus.AwaitingReview) return ApiProblems.Conflict("The referral is not awaiting review.");

        await records.AppendAuditAsync(
            new AuditEntry(id, time.GetUtcNow(), ReasonStep, caller.Actor, [], reason), CancellationToken.None);
        return await events.RaiseAsync(referral, WorkflowEvents.ReviewDecided, decision);
    }

    /// <returns>The decision, or null with every problem in <paramref name="checks"/>.</returns>
    private static ReviewDecision? Parse(ReviewBody body, string by, FieldChecks checks)
    {
        checks.NoActor("coordinatorId", body.CoordinatorId);
        var choice = checks.Code<ReviewChoice>("decision", body.Decision);
        if (body.Decision is null) checks.Add("decision", "is required");
        var pathway = checks.Code<Pathway>("pathway", body.Pathway);
        var modality = checks.Code<Modality>("modality", body.Modality);

        if (choice == ReviewChoice.Override)
        {
            if (body.Pathway is null) checks.Add("pathway", "is required with an override");
            if (pathway == Pathway.Alternative && body.Modality is null) checks.Add("modality", "is required when overriding to the alternative pathway");
            if (pathway is not (null or Pathway.Alternative) && body.Modality is not null) checks.Add("modality", "applies only to the alternative pathway");
        }
        else if (choice is not null)
        {
            if (body.Pathway is not null) checks.Add("pathway", "is allowed only with an override");
            if (body.Modality is not null) checks.Add("modality", "is allowed only with an override");
        }

        return checks.Failed || choice is null ? null : new ReviewDecision(choice.Value, by, pathway, modality);
    }
}
