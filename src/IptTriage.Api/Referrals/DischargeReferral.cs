using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="Reason"><c>completed</c>, <c>disengaged</c>, <c>transferred</c> or <c>other</c>.</param>
/// <param name="Note">Required with <c>other</c>; kept in the audit trail only.</param>
public sealed record DischargeBody(string? Reason, string? Note);

/// <summary><c>POST /api/referrals/{id}/discharge</c>: the clinic a case is placed with records the end of its care;
/// the slot frees and is offered to the unplaced cases that match the clinic.</summary>
public static class DischargeReferral
{
    public const AuditStep NoteStep = AuditStep.DischargeNote;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, DischargeBody body, ClaimsPrincipal user, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
    {
        // Whether the clinic may see the referral comes first (ClinicAccessFirst): about one it may not, it learns nothing.
        var caller = ApiCaller.From(user);
        var clinicId = caller.ClinicId!;
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;

        var checks = new FieldChecks();
        var (reason, note) = checks.EndOfCase<DischargeReason>(body.Reason, body.Note, DischargeReason.Other);
        if (reason is null) return ApiProblems.Invalid(checks.Errors);
        if (referral!.Status != ReferralStatus.Placed || referral.ClinicId != clinicId)
            return ApiProblems.Conflict("The referral is not placed with your clinic.");

        if (note.Length > 0) await access.AppendReasonAsync(id, NoteStep, caller.Actor, note, clinicId);
        return await events.RaiseAsync(referral, WorkflowEvents.CareEnded, new CareEnd(reason.Value, caller.Actor));
    }
}
