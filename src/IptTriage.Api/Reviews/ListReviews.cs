using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Reviews;

/// <summary>One line of the coordinators' worklist.</summary>
/// <param name="DueAt">When the review is due; past it, the supervisor has been alerted.</param>
public sealed record ReviewItem(string ReferralId, Urgency? Urgency, Pathway? Pathway, Modality? Modality, DateTimeOffset ReceivedAt, DateTimeOffset? DueAt);

/// <summary><c>GET /api/reviews</c>: referrals awaiting review, most urgent first, then oldest.</summary>
public static class ListReviews
{
    public static async Task<Ok<IReadOnlyList<ReviewItem>>> HandleAsync(IRecordStore records, CancellationToken cancellationToken)
    {
        var awaiting = await records.ListAsync(ReferralStatus.AwaitingReview, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ReviewItem>>([.. awaiting.Select(referral => new ReviewItem(
            referral.ReferralId, referral.Routing?.Urgency, referral.Routing?.Pathway, referral.Routing?.Modality, referral.ReceivedAt, referral.DueAt))]);
    }
}
