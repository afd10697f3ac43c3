using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.WhatIf;

/// <summary>What a decision decided, in codes: no scores, no reason texts (they quote the cut-offs, so they differ
/// under any change of a threshold that fired), no personal data.</summary>
/// <param name="Urgency">Null for an invalid form, which has no urgency to speak of.</param>
public sealed record DecisionCodes(
    Outcome Outcome,
    Pathway? Pathway,
    Modality? Modality,
    Urgency? Urgency,
    IReadOnlyList<Adaptation> Adaptations,
    IReadOnlyList<string> Exclusions,
    IReadOnlyList<string> Flags)
{
    public static DecisionCodes Of(TriageDecision decision) => new(
        decision.Outcome, decision.Pathway, decision.Modality, decision.Outcome == Outcome.Invalid ? null : decision.Urgency,
        decision.Adaptations, decision.Exclusions, decision.Flags);
}

/// <summary>A referral decided differently under the candidate policy: before and after, and the rules that made the
/// difference (those that fire only under the candidate, and those that fire only under the current policy).</summary>
public sealed record DecisionChange(
    string ReferralId,
    DecisionCodes Before,
    DecisionCodes After,
    IReadOnlyList<string> RulesStarted,
    IReadOnlyList<string> RulesStopped)
{
    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/> (the same form under the current
    /// and the candidate policy), or null when both decide alike: the same outcome, pathway, modality, urgency,
    /// adaptations, exclusions and flags, by the same rules.</summary>
    public static DecisionChange? Between(TriageDecision before, TriageDecision after)
    {
        var started = RulesOnlyIn(after.Reasons, before.Reasons);
        var stopped = RulesOnlyIn(before.Reasons, after.Reasons);
        if (started.Length == 0 && stopped.Length == 0 && DecideAlike(before, after)) return null;
        return new DecisionChange(before.ReferralId, DecisionCodes.Of(before), DecisionCodes.Of(after), started, stopped);
    }

    private static bool DecideAlike(TriageDecision before, TriageDecision after) =>
        before.Outcome == after.Outcome && before.Pathway == after.Pathway && before.Modality == after.Modality
        && before.Urgency == after.Urgency && before.Adaptations.SequenceEqual(after.Adaptations)
        && before.Exclusions.SequenceEqual(after.Exclusions, StringComparer.Ordinal) && before.Flags.SequenceEqual(after.Flags, StringComparer.Ordinal);

    /// <summary>The rule ids of <paramref name="these"/> that <paramref name="others"/> lacks, in evaluation order.
    /// A decision fires at most a handful of rules, so a scan beats a set.</summary>
    internal static string[] RulesOnlyIn(IReadOnlyList<Reason> these, IReadOnlyList<Reason> others)
    {
        string[] only = [];
        foreach (var reason in these)
        {
            if (!Fires(others, reason.Rule)) only = [.. only, reason.Rule];
        }
        return only;
    }

    private static bool Fires(IReadOnlyList<Reason> reasons, string rule)
    {
        foreach (var reason in reasons)
        {
            if (string.Equals(reason.Rule, rule, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
