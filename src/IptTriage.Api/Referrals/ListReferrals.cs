using System.Globalization;
using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>One row of the referral list: codes and times only, never personal data.</summary>
/// <param name="DueAt">The next deadline (a review, a clinic's answer), if the referral waits on one.</param>
/// <param name="Overdue">Whether that deadline is before now.</param>
/// <param name="Assignee">The username of the coordinator the case is assigned to.</param>
public sealed record ReferralRow(
    string ReferralId, ReferralStatus Status, Urgency? Urgency, Pathway? Pathway, Modality? Modality, string? ClinicId,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, bool Overdue, string? Assignee = null)
{
    public static ReferralRow Of(ReferralRecord referral, DateTimeOffset now) => new(
        referral.ReferralId, referral.Status, referral.Routing?.Urgency, referral.Routing?.Pathway, referral.Routing?.Modality,
        referral.ClinicId, referral.ReceivedAt, referral.DueAt, referral.DueAt < now, referral.Assignee);
}

/// <summary>A page of the referral list; <paramref name="NextCursor"/> fetches the next one (with the same filters and
/// sort), null on the last page.</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralRow> Items, string? NextCursor);

/// <summary><c>GET /api/referrals</c> (coordinators, supervisors; the crisis team sees emergencies only): the referral
/// list, filtered by <c>status</c>, <c>urgency</c>, <c>pathway</c>, <c>clinic</c>, <c>assignedTo</c> (a username or
/// <c>me</c>), <c>overdue=true</c>, <c>receivedFrom</c> (inclusive) and <c>receivedTo</c> (exclusive); sorted
/// by <c>sort</c> = <c>received</c> (default), <c>due</c> or <c>urgency</c>; paged by <c>limit</c> (1–100, default 50)
/// and the opaque <c>cursor</c> of the page before. <c>format=csv</c> exports every matching referral instead
/// (<see cref="ReferralExport"/>). <see cref="SearchReferrals"/> is the same list, searched.</summary>
public static class ListReferrals
{
    public const int DefaultLimit = 50, MaxLimit = 100;

    public static async Task<Results<Ok<ReferralPage>, ReferralExport, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ClaimsPrincipal user, IRecordStore records, TimeProvider time, CancellationToken cancellationToken) =>
        await ListAsync(request, user, records, time, search: null, cancellationToken);

    internal static async Task<Results<Ok<ReferralPage>, ReferralExport, ProblemHttpResult>> ListAsync(
        HttpRequest request, ClaimsPrincipal user, IRecordStore records, TimeProvider time, string? search, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var now = time.GetUtcNow();
        if (ReferralListParameters.Read(request, caller, now, search) is not { } parameters) return ApiProblems.Forbidden();
        var format = parameters.One("format");
        if (format is not (null or "json" or ReferralExport.Format)) parameters.Add("format", $"must be json or {ReferralExport.Format}");
        if (format == ReferralExport.Format) return ReferralExport.Of(parameters, caller, records, now);

        var sort = parameters.Query.Sort;
        var limit = DefaultLimit;
        if (parameters.One("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            parameters.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        ReferralPosition? after = null;
        if (parameters.One("cursor") is { } cursor && (after = ReferralCursor.Read(cursor, sort)) is null)
            parameters.Add("cursor", "is not a cursor this list gave for this sort");
        if (parameters.Errors.Count > 0) return ApiProblems.Invalid(parameters.Errors);

        var found = await records.QueryAsync(parameters.Query with { Limit = limit + 1, After = after }, cancellationToken);
        var page = found.Take(limit).ToList();
        var next = found.Count > limit ? ReferralCursor.Write(ReferralQuery.KeyOf(page[^1], sort), sort) : null;
        return TypedResults.Ok(new ReferralPage([.. page.Select(referral => ReferralRow.Of(referral, now))], next));
    }
}
