using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Records;

/// <summary>How a referral list is ordered. Every order ends on the referral id, so a page boundary is exact.</summary>
public enum ReferralSort
{
    /// <summary>Oldest received first.</summary>
    Received,

    /// <summary>Soonest next deadline first; referrals with no deadline after them, oldest received first.</summary>
    Due,

    /// <summary>Emergency, urgent, routine, then not yet screened; oldest received first within each.</summary>
    Urgency,
}

/// <summary>Where a page ends, as the sort key of its last row: (<see cref="Rank"/>, <see cref="At"/>,
/// <see cref="ReferralId"/>), compared in that order. The store's <see cref="ReferralQuery.KeyOf"/> makes it.</summary>
public sealed record ReferralPosition(int Rank, DateTimeOffset At, string ReferralId);

/// <summary>A filtered, sorted page of referrals (codes only are returned; only <see cref="Search"/> holds personal
/// data, and it is never logged). Null filters do not limit. <paramref name="OverdueAt"/>: only referrals whose due time is before it. <paramref name="ReceivedFrom"/>
/// is inclusive, <paramref name="ReceivedTo"/> exclusive.</summary>
public sealed record ReferralQuery(
    ReferralSort Sort,
    int Limit,
    ReferralPosition? After = null,
    ReferralStatus? Status = null,
    Urgency? Urgency = null,
    Pathway? Pathway = null,
    string? ClinicId = null,
    DateTimeOffset? OverdueAt = null,
    DateTimeOffset? ReceivedFrom = null,
    DateTimeOffset? ReceivedTo = null)
{
    /// <summary>Only cases assigned to this username.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>Only referrals last changed (<see cref="ReferralRecord.UpdatedAt"/>) at or after this: for a case that
    /// has ended, when it ended.</summary>
    public DateTimeOffset? UpdatedFrom { get; init; }

    /// <summary>Only referrals this search finds (by id, client name or date of birth).</summary>
    public ReferralSearch? Search { get; init; }

    /// <summary>The sort key of <paramref name="referral"/> under <paramref name="sort"/>: the same key both stores
    /// order and page by.</summary>
    public static ReferralPosition KeyOf(ReferralRecord referral, ReferralSort sort) => sort switch
    {
        ReferralSort.Due => new ReferralPosition(referral.DueAt is null ? 1 : 0, referral.DueAt ?? referral.ReceivedAt, referral.ReferralId),
        ReferralSort.Urgency => new ReferralPosition(UrgencyRank(referral.Routing?.Urgency), referral.ReceivedAt, referral.ReferralId),
        _ => new ReferralPosition(0, referral.ReceivedAt, referral.ReferralId),
    };

    private static int UrgencyRank(Urgency? urgency) => urgency switch
    {
        Triage.Decisions.Urgency.Emergency => 0,
        Triage.Decisions.Urgency.Urgent => 1,
        Triage.Decisions.Urgency.Routine => 2,
        _ => 3,
    };
}

/// <summary>A search of the referral list: a referral whose id starts with <see cref="IdPrefix"/> (when the search looks
/// like an id), or whose client has
/// a name word starting with each of <see cref="NameTerms"/>, or was born on <see cref="DateOfBirth"/>
/// (<see cref="SearchTerms"/>). Holds personal data: never log it or put it in a message.</summary>
public sealed record ReferralSearch(string? IdPrefix, IReadOnlyList<string> NameTerms, string? DateOfBirth)
{
    public const int MaxChars = 100;

    /// <summary>What a coordinator typed, or null when it holds nothing to search by.</summary>
    public static ReferralSearch? Of(string text)
    {
        text = text.Trim();
        var date = SearchTerms.Date(text);
        var names = date is null ? SearchTerms.Words(text).Select(word => SearchTerms.NamePrefix + word).ToList() : [];
        var id = IsIdLike(text) ? text : null;
        return id is null && names.Count == 0 && date is null
            ? null
            : new ReferralSearch(id, names, date is { } born ? SearchTerms.DateTerm(born) : null);
    }

    /// <summary>Id characters only, with at least one digit or <c>.</c>, <c>_</c>, <c>-</c>: a word of letters alone
    /// is searched as a name, which keeps a name search one index range (the referral ids in use all carry digits).</summary>
    private static bool IsIdLike(string text) =>
        text.Length is > 0 and <= 64
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
        && text.Any(c => char.IsAsciiDigit(c) || c is '.' or '_' or '-');
}
