using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Workflow step 5's outcome: approve keeps the screening's routing, override replaces it, close ends the case.</summary>
public sealed class ApplyReviewDecision(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(ApplyReviewDecision);

    public async Task RunAsync(ReviewStep step, CancellationToken cancellationToken = default)
    {
        var (decision, now) = (step.Decision, time.GetUtcNow());
        var status = decision.Decision == ReviewChoice.Close ? ReferralStatus.Closed : ReferralStatus.Placing;
        if (await records.AlreadyRecordedAsync(step.ReferralId, status, AuditStep.ReviewDecided, cancellationToken)) return;
        if (decision is { Decision: ReviewChoice.Override, Pathway: null })
            throw new ArgumentException("An override must name a pathway.", nameof(step));
        if (decision is { Decision: ReviewChoice.Override, Pathway: { } overridden })
            await records.OverrideRoutingAsync(step.ReferralId, overridden, overridden == Pathway.Alternative ? decision.Modality : null, now, cancellationToken);

        var entry = new AuditEntry(step.ReferralId, now, AuditStep.ReviewDecided, decision.By, []) { ReviewChoice = decision.Decision };
        if (decision.Decision == ReviewChoice.Override) entry = entry with { Pathway = decision.Pathway, Modality = decision.Modality };
        await records.SetStatusAsync(step.ReferralId, status, entry, cancellationToken: cancellationToken);
    }
}
