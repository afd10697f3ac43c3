using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="Reason"><c>withdrawn</c>, <c>duplicate</c>, <c>moved-away</c>, <c>referred-elsewhere</c> or <c>other</c>.</param>
/// <param name="Note">Required with <c>other</c>; kept in the audit trail only.</param>
public sealed record CloseBody(string? Reason, string? Note);

/// <summary><c>POST /api/referrals/{id}/close</c>: a coordinator or supervisor closes a case at whatever stage it is;
/// the workflow ends it at whatever it waits on, releasing any slot.</summary>
public static class CloseReferral
{
    public const AuditStep NoteStep = AuditStep.CloseNote;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, CloseBody body, ClaimsPrincipal user, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var (reason, note) = checks.EndOfCase<CloseReason>(body.Reason, body.Note, CloseReason.Other);
        if (reason is null) return ApiProblems.Invalid(checks.Errors);

        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status is ReferralStatus.Closed or ReferralStatus.Discharged or ReferralStatus.Invalid)
            return ApiProblems.Conflict("The referral has already ended (closed, discharged or invalid).");

        if (note.Length > 0) await access.AppendReasonAsync(id, NoteStep, caller.Actor, note);
        return await events.RaiseAsync(referral, WorkflowEvents.CaseClosed, new CaseClosure(reason.Value, caller.Actor));
    }
}
