using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using IptTriage.Api.Security;
using System.Text.Json;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>One row of the referral list: codes and times only, never personal data.</summary>
/// <param name="DueAt">The next deadline (a review, a clinic's answer), if the referral waits on one.</param>
/// <param name="Overdue">Whether that deadline is before now.</param>
public sealed record ReferralRow(
    string ReferralId, ReferralStatus Status, Urgency? Urgency, Pathway? Pathway, Modality? Modality, string? ClinicId,
    DateTimeOffset ReceivedAt, DateTimeOffset? DueAt, bool Overdue);

/// <summary>A page of the referral list; <paramref name="NextCursor"/> fetches the next one (with the same filters and
/// sort), null on the last page.</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralRow> Items, string? NextCursor);

/// <summary><c>GET /api/referrals</c> (coordinators, supervisors; the crisis team sees emergencies only): the referral list, filtered by <c>status</c>, <c>urgency</c>,
/// <c>pathway</c>, <c>clinic</c>, <c>overdue=true</c>, <c>receivedFrom</c> (inclusive) and <c>receivedTo</c>
/// (exclusive); sorted by <c>sort</c> = <c>received</c> (default), <c>due</c> or <c>urgency</c>; paged by
/// <c>limit</c> (1–100, default 50) and the opaque <c>cursor</c> of the page before.</summary>
public static class ListReferrals
{
    public const int DefaultLimit = 50, MaxLimit = 100;

    public static async Task<Results<Ok<ReferralPage>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ClaimsPrincipal user, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var parameters = request.Query;
        string? One(string name)
        {
            var values = parameters[name];
            if (values.Count > 1) errors.Add(new FieldError(name, "may be given once"));
            return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        }
        TEnum? Code<TEnum>(string name) where TEnum : struct, Enum
        {
            if (One(name) is not { } code) return null;
            if (WireCode.TryParse<TEnum>(code, out var value)) return value;
            errors.Add(new FieldError(name, "must be one of: " + string.Join(", ", WireCode.All<TEnum>())));
            return null;
        }
        DateTimeOffset? Time(string name)
        {
            if (One(name) is not { } text) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
            errors.Add(new FieldError(name, "must be an ISO 8601 date-time, such as 2026-11-02T00:00:00Z"));
            return null;
        }

        var status = Code<ReferralStatus>("status");
        var urgency = Code<Urgency>("urgency");
        if (ApiCaller.From(user).Role == ApiRole.Crisis)
        {
            if (urgency is not (null or Urgency.Emergency)) errors.Add(new FieldError("urgency", "the crisis team's list holds emergencies only"));
            urgency = Urgency.Emergency;
        }
        var pathway = Code<Pathway>("pathway");
        var sort = Code<ReferralSort>("sort") ?? ReferralSort.Received;
        var clinicId = One("clinic");
        var overdue = One("overdue");
        if (overdue is not null and not "true") errors.Add(new FieldError("overdue", "must be true (omit it for every referral)"));
        var from = Time("receivedFrom");
        var to = Time("receivedTo");
        var limit = DefaultLimit;
        if (One("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors.Add(new FieldError("limit", $"must be a whole number from 1 to {MaxLimit}"));
        ReferralPosition? after = null;
        if (One("cursor") is { } cursor && (after = Cursor.Read(cursor, sort)) is null)
            errors.Add(new FieldError("cursor", "is not a cursor this list gave for this sort"));
        if (errors.Count > 0) return ApiProblems.Invalid(errors);

        var now = time.GetUtcNow();
        var found = await records.QueryAsync(new ReferralQuery(sort, limit + 1, after, status, urgency, pathway, clinicId,
            overdue is null ? null : now, from, to), cancellationToken);
        var page = found.Take(limit).ToList();
        var next = found.Count > limit ? Cursor.Write(ReferralQuery.KeyOf(page[^1], sort), sort) : null;
        return TypedResults.Ok(new ReferralPage([.. page.Select(referral => new ReferralRow(
            referral.ReferralId, referral.Status, referral.Routing?.Urgency, referral.Routing?.Pathway, referral.Routing?.Modality,
            referral.ClinicId, referral.ReceivedAt, referral.DueAt, referral.DueAt < now))], next));
    }

    /// <summary>The position after a page's last row, with its sort, as base64url JSON. Opaque to callers: its form may change.</summary>
    private static class Cursor
    {
        private sealed record Token(string S, int R, DateTimeOffset T, string Id);

        public static string Write(ReferralPosition position, ReferralSort sort) =>
            Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Token(WireCode.Of(sort), position.Rank, position.At, position.ReferralId)));

        public static ReferralPosition? Read(string cursor, ReferralSort sort)
        {
            try
            {
                var token = JsonSerializer.Deserialize<Token>(Base64Url.DecodeFromChars(cursor));
                return token is { Id: not null, S: not null } && token.S == WireCode.Of(sort) ? new ReferralPosition(token.R, token.T, token.Id) : null;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}
