using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Workflow step 3: screens the stored form with the policy and records the decision, its status and an
/// audit entry naming every rule that fired. Safe to run again (activities run at least once: a crash after the
/// record commits and before the engine records the result runs it again): the same form and policy give the same
/// decision, and a referral already past <c>received</c> with its decision keeps it, with no second audit entry.</summary>
public sealed class ScreenReferral(IRecordStore records, TriagePolicy policy, TimeProvider time)
{
    public const string Name = nameof(ScreenReferral);

    public async Task<ScreeningResult> RunAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var form = await records.ReadFormAsync(referralId, cancellationToken)
            ?? throw new KeyNotFoundException($"No referral with id '{referralId}'.");
        var decision = Screening.Screen(form, referralId, policy);
        var result = new ScreeningResult(decision.Outcome, decision.Urgency, decision.Exclusions.Contains(WireCode.Of(Exclusion.AcuteRisk)));
        if (await records.FindAsync(referralId, cancellationToken) is { Status: not ReferralStatus.Received, DecisionJson: not null })
            return result;

        var status = decision.Outcome == Outcome.Invalid ? ReferralStatus.Invalid : ReferralStatus.Screened;
        var now = time.GetUtcNow();

        // The error count and messages stay with the decision; the entry holds codes only, never form content.
        await records.RecordDecisionAsync(referralId, decision, DecisionJson.ToJson(decision), status, new AuditEntry(
            referralId, now, status == ReferralStatus.Invalid ? AuditStep.Invalid : AuditStep.Screened, Actors.System,
            decision.Reasons.Select(reason => reason.Rule).ToList(), PolicyVersion: decision.PolicyVersion)
        {
            Outcome = decision.Outcome,
            Pathway = decision.Pathway,
            Modality = decision.Modality,
            Urgency = decision.Outcome == Outcome.Invalid ? null : decision.Urgency,
        }, cancellationToken);

        return result;
    }
}
