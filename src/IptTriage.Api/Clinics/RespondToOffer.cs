using System.Security.Claims;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <param name="Reason">Optional, kept in the audit trail only.</param>
public sealed record ClinicResponseBody(bool? Accept, string? Reason);

/// <summary><c>POST /api/referrals/{id}/clinic-response</c>: the clinic the case awaits accepts or declines it.</summary>
public static class RespondToOffer
{
    public const AuditStep ReasonStep = AuditStep.ClinicResponseReason;

    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, ClinicResponseBody body, ClaimsPrincipal user, ReferralAccess access, ReferralEvents events, IRecordStore records,
        TimeProvider time, CancellationToken cancellationToken)
    {
        // Whether the clinic may see the referral comes first: about one it may not, it learns nothing, not even that
        // its body was wrong.
        var caller = ApiCaller.From(user);
        var clinicId = caller.ClinicId!;
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;

        var checks = new FieldChecks();
        if (body.Accept is null) checks.Add("accept", "is required (true or false)");
        var reason = checks.Text("reason", body.Reason, required: false);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);
        if (referral!.Status != ReferralStatus.AwaitingClinic || referral.ClinicId != clinicId)
            return ApiProblems.Conflict("The referral is not awaiting your clinic's response.");

        if (reason.Length > 0)
            await records.AppendAuditAsync(new AuditEntry(id, time.GetUtcNow(), ReasonStep, caller.Actor, [], reason) { ClinicId = clinicId }, CancellationToken.None);
        return await events.RaiseAsync(referral, WorkflowEvents.ClinicResponded, new ClinicResponse(clinicId, body.Accept!.Value, caller.Actor));
    }
}
