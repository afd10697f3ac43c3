using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary><c>GET /api/referrals/{id}/source</c>: the referral as it was sent, byte for byte, for a coordinator or a
/// supervisor who must show what arrived: a FHIR request as the record system sent it (<c>application/fhir+json</c>),
/// a form as it was submitted (<c>application/json</c>). It holds everything the client's panel does and more, so each
/// read is audited before it is answered (<see cref="AuditStep.SourceRead"/>); it is a download, and like every API
/// answer never cached.</summary>
public static class GetReferralSource
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, ReferralAccess access, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        var source = await records.ReadSourceAsync(referral!.ReferralId, cancellationToken)
            ?? (await records.ReadFormAsync(referral.ReferralId, cancellationToken) is { } form ? new ReferralSource("application/json", form) : null);
        if (source is null) return ApiProblems.NotFound();

        await records.AppendAuditAsync(new AuditEntry(referral.ReferralId, time.GetUtcNow(), AuditStep.SourceRead, caller.Actor, []), cancellationToken);
        return TypedResults.File(source.Content, source.MediaType, $"{referral.ReferralId}.json");
    }
}
