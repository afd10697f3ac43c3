namespace IptTriage.Triage.Decisions;

/// <summary>A rule that adds a flag: the medication indicators, the review rules and the informative flags.</summary>
/// <param name="UrgencyAtLeast">Raises the decision's urgency to at least this (review rules).</param>
/// <param name="IptPathwaysOnly">"Applies to IPT pathways": on any other pathway the rule does not fire at all.</param>
internal sealed record FlagRule(
    string Id,
    Flag Flag,
    Func<TriageContext, string?> Explain,
    Urgency UrgencyAtLeast = Urgency.Routine,
    bool IptPathwaysOnly = false) : ITriageRule;
