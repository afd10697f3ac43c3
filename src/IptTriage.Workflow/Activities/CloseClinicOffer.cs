using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Ends an offer: an accepted case is placed; a declined or timed-out one gives its slot back.</summary>
public sealed class CloseClinicOffer(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(CloseClinicOffer);

    public async Task RunAsync(OfferOutcome outcome, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var accepted = outcome.End == OfferEnd.Accepted;
        if (!accepted) await records.ReleaseAsync(outcome.ClinicId, outcome.ReferralId, cancellationToken);

        var step = outcome.End switch
        {
            OfferEnd.Accepted => AuditStep.ClinicAccepted,
            OfferEnd.Declined => AuditStep.ClinicDeclined,
            _ => AuditStep.ClinicTimedOut,
        };
        var status = accepted ? ReferralStatus.Placed : ReferralStatus.Placing;
        if (await records.AlreadyRecordedAsync(outcome.ReferralId, status, step, cancellationToken)) return;
        await records.SetStatusAsync(outcome.ReferralId, status, new AuditEntry(outcome.ReferralId, now,
            step, outcome.By ?? Actors.System, []) { ClinicId = outcome.ClinicId },
            cancellationToken: cancellationToken);
    }
}
