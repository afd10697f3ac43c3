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

    /// <summary>The clinic ended care (issue 12); its slot is free again.</summary>
    Discharged,
}
