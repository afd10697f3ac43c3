namespace IptTriage.Workflow.Records;

/// <summary>Where a referral stands (<c>docs/workflow.md</c>, "Statuses").</summary>
public enum ReferralStatus
{
    Received,
    Screened,
    Emergency,
    AwaitingReview,
    Placing,
    AwaitingClinic,
    Placed,
    Unplaced,
    Closed,
    Invalid,
}
