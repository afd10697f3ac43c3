using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Intake;

/// <param name="Received">Referrals found at <see cref="ReferralStatus.Received"/>, received by the cut-off.</param>
/// <param name="Started">Of those, the ones whose orchestration this started.</param>
/// <param name="Failed">The ones that could not be looked at or started (tried again at the next start).</param>
/// <param name="NotReached">The ones not looked at before the time allowed ran out (tried again at the next start).</param>
/// <param name="FailureType">The type of the last failure, when there was one: never its message, which may quote data.</param>
public sealed record IntakeRecoveryCounts(int Received, int Started, int Failed, int NotReached, string? FailureType = null);

/// <summary>Issue 11 item 1 for the one way in that is not redelivered: a form stored whose orchestration never started
/// (the process died in between) is started by the next start of a host that runs the workflow. Every referral still
/// at <see cref="ReferralStatus.Received"/> goes through <see cref="ReferralIntake.ResumeAsync"/>, the start-once a
/// delivery does, so one with its orchestration is left alone and running it twice starts nothing twice.</summary>
public sealed class StalledIntakeRecovery(IRecordStore records, ReferralIntake intake)
{
    /// <param name="receivedBy">Only referrals received by then: what an earlier process left, not what the sources
    /// are taking in meanwhile (their own start-once covers those).</param>
    /// <param name="cancellationToken">Bounds the whole pass: when it fires, the referrals not yet looked at are counted
    /// <see cref="IntakeRecoveryCounts.NotReached"/> rather than thrown for; only a listing cut short throws.</param>
    public async Task<IntakeRecoveryCounts> RunAsync(DateTimeOffset receivedBy, CancellationToken cancellationToken)
    {
        var waiting = (await records.ListAsync(ReferralStatus.Received, cancellationToken))
            .Where(record => record.ReceivedAt <= receivedBy)
            .Select(record => record.ReferralId)
            .ToList();
        var (started, failed, done) = (0, 0, 0);
        string? failureType = null;
        foreach (var referralId in waiting)
        {
            if (cancellationToken.IsCancellationRequested) break;
            try
            {
                if (await intake.ResumeAsync(referralId, cancellationToken)) started++;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // One referral the store or backend fails on does not keep the others waiting.
                failed++;
                failureType = exception.GetType().FullName;
            }
            done++;
        }
        return new IntakeRecoveryCounts(waiting.Count, started, failed, waiting.Count - done, failureType);
    }
}
