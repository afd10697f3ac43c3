using IptTriage.Triage;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Commands.Run;

/// <summary>Where a run stands: how many forms were taken in, how many referrals are in each status, and (with the
/// accelerated clock) how much simulated time has passed since intake began.</summary>
public sealed record RunProgress(int FormsTakenIn, IReadOnlyDictionary<ReferralStatus, int> Statuses, TimeSpan? SimulatedTime)
{
    /// <summary>The statuses in workflow order, with what people call them.</summary>
    public static IReadOnlyList<(string Heading, ReferralStatus[] Statuses)> Columns { get; } =
    [
        ("in progress", [ReferralStatus.Received, ReferralStatus.Screened, ReferralStatus.Placing]),
        ("emergency", [ReferralStatus.Emergency]),
        ("awaiting review", [ReferralStatus.AwaitingReview]),
        ("awaiting clinic", [ReferralStatus.AwaitingClinic]),
        ("unplaced", [ReferralStatus.Unplaced]),
        ("placed", [ReferralStatus.Placed]),
        ("discharged", [ReferralStatus.Discharged]),
        ("closed", [ReferralStatus.Closed]),
        ("invalid", [ReferralStatus.Invalid]),
    ];

    public int Count(IEnumerable<ReferralStatus> statuses) => statuses.Sum(status => Statuses.GetValueOrDefault(status));

    /// <summary>One line for logs: only the statuses some referral is in, by wire code.</summary>
    public string Describe() =>
        $"{FormsTakenIn} taken in"
        + string.Concat(Enum.GetValues<ReferralStatus>()
            .Where(status => Statuses.GetValueOrDefault(status) > 0)
            .Select(status => $", {Statuses[status]} {WireCode.Of(status)}"));

    public static string DescribeSimulatedTime(TimeSpan elapsed) => $"+{DescribeDuration(elapsed)} simulated";

    public static string DescribeDuration(TimeSpan duration) => $"{(int)duration.TotalHours}h{duration.Minutes:00}m";
}
