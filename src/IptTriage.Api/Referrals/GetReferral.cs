using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary><c>GET /api/referrals/{id}</c>: everything for a coordinator, a supervisor or (for an emergency) the crisis
/// team; the minimum needed to act for a clinic.</summary>
public static class GetReferral
{
    public static async Task<Results<Ok<CoordinatorReferralView>, Ok<ClinicReferralView>, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, ReferralAccess access, IRecordStore records, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;

        if (caller.Role == ApiRole.Clinic) return TypedResults.Ok(ClinicReferralView.Of(referral!, caller.ClinicId!));
        var audit = await records.ReadAuditAsync(id, cancellationToken);
        return TypedResults.Ok(CoordinatorReferralView.Of(referral!, audit));
    }
}
