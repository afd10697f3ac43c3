using System.Buffers.Text;
using System.Text.Json;
using IptTriage.Api.Security;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Api.Referrals;

/// <summary>The filters of a referral list (<c>GET /api/referrals</c>) and its export, read from the query string,
/// and a search (<c>POST /api/referrals/search</c>), read from the body: a name or a date of birth never goes in a URL,
/// where proxies and request logs would keep it. Every problem is collected, naming its parameter and never repeating
/// its value.</summary>
internal sealed class ReferralListParameters(IQueryCollection parameters) : QueryParameters(parameters)
{
    public ReferralQuery Query { get; private set; } = null!;

    /// <summary>The filters and sort; <see cref="ReferralQuery.Limit"/> and <see cref="ReferralQuery.After"/> are the
    /// caller's to set. Null when the caller may not use a filter it gave (403: the crisis team does not search).</summary>
    /// <param name="search">The body's search, for <c>POST /api/referrals/search</c>.</param>
    public static ReferralListParameters? Read(HttpRequest request, ApiCaller caller, DateTimeOffset now, string? search = null)
    {
        var read = new ReferralListParameters(request.Query);
        if (request.Query.ContainsKey("q"))
            read.Add("q", "is not taken in a URL, where it would be kept by proxies and logs: send it as the body of POST /api/referrals/search");
        if (search is not null && !caller.IsCoordinating) return null;

        var status = read.Code<ReferralStatus>("status");
        var urgency = read.Code<Urgency>("urgency");
        if (caller.Role == ApiRole.Crisis)
        {
            if (urgency is not (null or Urgency.Emergency)) read.Add("urgency", "the crisis team's list holds emergencies only");
            urgency = Urgency.Emergency;
        }
        var pathway = read.Code<Pathway>("pathway");
        var sort = read.Code<ReferralSort>("sort") ?? ReferralSort.Received;
        var clinicId = read.One("clinic");
        var overdue = read.One("overdue");
        if (overdue is not null and not "true") read.Add("overdue", "must be true (omit it for every referral)");
        var from = read.Time("receivedFrom");
        var to = read.Time("receivedTo");
        read.Query = new ReferralQuery(sort, ListReferrals.DefaultLimit, null, status, urgency, pathway, clinicId, overdue is null ? null : now, from, to)
        {
            AssignedTo = read.Assignee(caller),
            Search = search is null ? null : read.Search(search),
        };
        return read;
    }

    private ReferralSearch? Search(string text)
    {
        if (text.Length > ReferralSearch.MaxChars) Add("q", $"must be at most {ReferralSearch.MaxChars} characters");
        else if (ReferralSearch.Of(text) is { } search) return search;
        else Add("q", "must hold a referral id, a name or a date of birth (YYYY-MM-DD)");
        return null;
    }

    /// <summary><c>assignedTo</c>: a username, or <c>me</c> for the signed-in person.</summary>
    private string? Assignee(ApiCaller caller)
    {
        if (One("assignedTo") is not { } assignee) return null;
        if (assignee == "me")
        {
            if (caller.Username is { } username) return username;
            Add("assignedTo", "me stands for a signed-in person; an API key has no username (name the username)");
        }
        else if (!FieldChecks.IsId(assignee)) Add("assignedTo", "must be a username (1 to 64 letters, digits, '.', '_' or '-') or me");
        else return assignee;
        return null;
    }
}

/// <summary>The position after a page's last row, with its sort, as base64url JSON. Opaque to callers: its form may change.</summary>
internal static class ReferralCursor
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
