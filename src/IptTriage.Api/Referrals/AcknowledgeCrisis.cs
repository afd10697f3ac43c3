using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="By">No longer accepted: the signed-in caller took the case.</param>
public sealed record CrisisAckBody(string? By);

/// <summary><c>POST /api/referrals/{id}/crisis-ack</c>: the crisis team (or a coordinator) has the emergency;
/// escalations stop. The body is <c>{}</c>.</summary>
public static class AcknowledgeCrisis
{
    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, CrisisAckBody body, ClaimsPrincipal user, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        checks.NoActor("by", body.By);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status != ReferralStatus.Emergency) return ApiProblems.Conflict("The referral is not an open emergency.");

        return await events.RaiseAsync(referral, WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement(caller.Actor));
    }
}
