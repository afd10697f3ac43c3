using IptTriage.Triage;
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
        var detail = decision.Decision switch
        {
            ReviewChoice.Override when decision.Pathway is { } pathway =>
                $"override to pathway {WireCode.Of(pathway)}" + (decision.Modality is { } modality ? $", modality {WireCode.Of(modality)}" : ""),
            ReviewChoice.Override => throw new ArgumentException("An override must name a pathway.", nameof(step)),
            _ => WireCode.Of(decision.Decision),
        };
        if (decision is { Decision: ReviewChoice.Override, Pathway: { } overridden })
            await records.OverrideRoutingAsync(step.ReferralId, overridden, overridden == Pathway.Alternative ? decision.Modality : null, now, cancellationToken);

        var status = decision.Decision == ReviewChoice.Close ? ReferralStatus.Closed : ReferralStatus.Placing;
        await records.SetStatusAsync(step.ReferralId, status, new AuditEntry(step.ReferralId, now, "review-decided", Actors.Coordinator(decision.CoordinatorId), [], detail),
            cancellationToken: cancellationToken);
    }
}
