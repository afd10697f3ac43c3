using System.Runtime.CompilerServices;
using System.Security.Claims;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <summary><c>GET /api/clinic/cases</c>: a clinic's own worklist — the cases awaiting its answer (soonest respond-by
/// first), the cases placed with it (oldest first) and the cases it discharged in the last
/// <see cref="RecentDischarges"/> (most recent first, so it can see its discharge was recorded), each as the clinic's
/// minimum-necessary view of the case without the client panel (reading that is audited, so it is read when someone
/// opens the case, not every time the list is polled). Read with the referral list's indexed query (clinic and status
/// filters, keyset pages), so it costs what the clinic holds, not what the store holds.</summary>
public static class ListClinicCases
{
    private const int PageSize = 100;

    /// <summary>How far back a clinic's discharges are listed.</summary>
    public static readonly TimeSpan RecentDischarges = TimeSpan.FromDays(30);

    public static async Task<Ok<IReadOnlyList<ClinicReferralView>>> HandleAsync(
        ClaimsPrincipal user, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var clinicId = ApiCaller.From(user).ClinicId!;
        List<ClinicReferralView> cases = [];
        foreach (var (status, sort) in new[] { (ReferralStatus.AwaitingClinic, ReferralSort.Due), (ReferralStatus.Placed, ReferralSort.Received) })
        {
            await foreach (var referral in ReadAllAsync(records, new ReferralQuery(sort, PageSize, Status: status, ClinicId: clinicId), cancellationToken))
                cases.Add(ClinicReferralView.Of(referral, clinicId));
        }

        // A discharged case changes no more, so its last change is its discharge.
        var recent = new ReferralQuery(ReferralSort.Received, PageSize, Status: ReferralStatus.Discharged, ClinicId: clinicId)
        {
            UpdatedFrom = time.GetUtcNow() - RecentDischarges,
        };
        List<ReferralRecord> discharged = [];
        await foreach (var referral in ReadAllAsync(records, recent, cancellationToken)) discharged.Add(referral);
        cases.AddRange(discharged
            .OrderByDescending(referral => referral.UpdatedAt).ThenBy(referral => referral.ReferralId, StringComparer.Ordinal)
            .Select(referral => ClinicReferralView.Of(referral, clinicId)));
        return TypedResults.Ok<IReadOnlyList<ClinicReferralView>>(cases);
    }

    private static async IAsyncEnumerable<ReferralRecord> ReadAllAsync(
        IRecordStore records, ReferralQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await records.QueryAsync(query, cancellationToken);
            foreach (var referral in page) yield return referral;
            if (page.Count < query.Limit) yield break;
            query = query with { After = ReferralQuery.KeyOf(page[^1], query.Sort) };
        }
    }
}
