using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="By">Who on the crisis team took the case: an id, since it enters orchestration history.</param>
public sealed record CrisisAckBody(string? By);

/// <summary><c>POST /api/referrals/{id}/crisis-ack</c>: the crisis team has the emergency; escalations stop.</summary>
public static class AcknowledgeCrisis
{
    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        string id, CrisisAckBody body, ReferralAccess access, ReferralEvents events, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var by = checks.Id("by", body.By);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var (referral, problem) = await access.FindAsync(id, cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Status != ReferralStatus.Emergency) return ApiProblems.Conflict("The referral is not an open emergency.");

        return await events.RaiseAsync(referral, WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement(by));
    }
}
