using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Workflow step 3: screens the stored form with the policy and records the decision, its status and an
/// audit entry naming every rule that fired. Safe to run again: the same form and policy give the same decision.</summary>
public sealed class ScreenReferral(IRecordStore records, TriagePolicy policy, TimeProvider time)
{
    public const string Name = nameof(ScreenReferral);

    public async Task<ScreeningResult> RunAsync(string referralId, CancellationToken cancellationToken = default)
    {
        var form = await records.ReadFormAsync(referralId, cancellationToken)
            ?? throw new KeyNotFoundException($"No referral with id '{referralId}'.");
        var decision = Screening.Screen(form, referralId, policy);
        var status = decision.Outcome == Outcome.Invalid ? ReferralStatus.Invalid : ReferralStatus.Screened;
        var now = time.GetUtcNow();

        await records.RecordDecisionAsync(referralId, decision, DecisionJson.ToJson(decision), status, new AuditEntry(
            referralId, now, status == ReferralStatus.Invalid ? "invalid" : "screened", Actors.System,
            decision.Reasons.Select(reason => reason.Rule).ToList(), Describe(decision), PolicyVersion: decision.PolicyVersion), cancellationToken);

        return new ScreeningResult(decision.Outcome, decision.Urgency, decision.Exclusions.Contains(WireCode.Of(Exclusion.AcuteRisk)));
    }

    // Codes and counts only: the audit detail must never carry form content.
    private static string Describe(TriageDecision decision) => decision.Outcome == Outcome.Invalid
        ? $"invalid form: {decision.Errors.Count} error(s) recorded with the decision"
        : $"outcome {WireCode.Of(decision.Outcome)}, pathway {WireCode.Of(decision.Pathway!.Value)}"
          + (decision.Modality is { } modality ? $", modality {WireCode.Of(modality)}" : "")
          + $", urgency {WireCode.Of(decision.Urgency)}";
}
