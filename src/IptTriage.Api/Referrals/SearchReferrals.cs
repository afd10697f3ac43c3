using System.Security.Claims;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="Q">A referral id or its start, a client's given or family name (or their starts), or a date of birth (YYYY-MM-DD).</param>
public sealed record ReferralSearchBody(string? Q);

/// <summary><c>POST /api/referrals/search</c> (coordinators and supervisors): the referral list of
/// <see cref="ListReferrals"/>, with its filters, sort, paging and export in the query string, searched by the body's
/// <c>q</c>. A POST, because a name or a date of birth must not be in a URL.</summary>
public static class SearchReferrals
{
    public static async Task<Results<Ok<ReferralPage>, ReferralExport, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ReferralSearchBody body, ClaimsPrincipal user, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Q)) return ApiProblems.Invalid("q", "is required");
        return await ListReferrals.ListAsync(request, user, records, time, body.Q, cancellationToken);
    }
}
