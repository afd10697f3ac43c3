using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.WhatIf;

/// <summary>Counts what a candidate policy would change, form by form, in memory that does not grow with the number
/// of forms: the changed referrals are handed back one at a time for the caller to stream, never kept.</summary>
public sealed class WhatIfTally(TwoPolicies policies)
{
    private readonly int[] cellsBefore = new int[CrossTableCell.Count];
    private readonly int[] cellsAfter = new int[CrossTableCell.Count];
    private readonly int[] firedBefore = new int[RuleOrder.Ids.Length];
    private readonly int[] firedAfter = new int[RuleOrder.Ids.Length];
    private readonly int[] started = new int[RuleOrder.Ids.Length];
    private readonly int[] stopped = new int[RuleOrder.Ids.Length];
    private int forms;
    private int invalid;
    private int changed;

    /// <summary>Counts one form's two decisions.</summary>
    /// <returns>How it changed, or null when both policies decide it alike.</returns>
    public DecisionChange? Add(DecisionPair pair)
    {
        forms++;
        if (pair.Before.Outcome == Outcome.Invalid) invalid++;
        cellsBefore[CrossTableCell.IndexOf(pair.Before)]++;
        cellsAfter[CrossTableCell.IndexOf(pair.After)]++;
        Count(firedBefore, pair.Before.Reasons);
        Count(firedAfter, pair.After.Reasons);
        if (DecisionChange.Between(pair.Before, pair.After) is not { } change) return null;
        changed++;
        foreach (var rule in change.RulesStarted) started[RuleOrder.IndexOf(rule)]++;
        foreach (var rule in change.RulesStopped) stopped[RuleOrder.IndexOf(rule)]++;
        return change;
    }

    public WhatIfSummary Summary()
    {
        var rows = new List<CrossTableRow>();
        for (var cell = 0; cell < CrossTableCell.Count; cell++)
        {
            if (cellsBefore[cell] > 0 || cellsAfter[cell] > 0) rows.Add(CrossTableCell.Row(cell, cellsBefore[cell], cellsAfter[cell]));
        }
        var rules = new List<RuleShift>();
        for (var rule = 0; rule < RuleOrder.Ids.Length; rule++)
        {
            if (started[rule] > 0 || stopped[rule] > 0)
                rules.Add(new RuleShift(RuleOrder.Ids[rule], firedBefore[rule], firedAfter[rule], started[rule], stopped[rule]));
        }
        return new WhatIfSummary(policies.Current.Version, policies.Candidate.Version, forms, invalid, changed, rows, rules);
    }

    private static void Count(int[] fired, IReadOnlyList<Reason> reasons)
    {
        foreach (var reason in reasons) fired[RuleOrder.IndexOf(reason.Rule)]++;
    }
}

/// <summary>What a candidate policy would change over a set of forms.</summary>
/// <param name="Invalid">Forms that are invalid (under either policy alike: validity does not depend on the policy).</param>
/// <param name="Changed">Forms decided differently (<see cref="DecisionChange.Between"/>).</param>
/// <param name="CrossTable">How many decisions fall in each outcome × pathway × modality × urgency, before and after;
/// only the combinations that occur, in the codes' declaration order.</param>
/// <param name="Rules">Every rule that starts or stops firing for some form, in the policy's rule-table order.</param>
public sealed record WhatIfSummary(
    string CurrentPolicy,
    string CandidatePolicy,
    int Forms,
    int Invalid,
    int Changed,
    IReadOnlyList<CrossTableRow> CrossTable,
    IReadOnlyList<RuleShift> Rules);

public sealed record CrossTableRow(Outcome Outcome, Pathway? Pathway, Modality? Modality, Urgency? Urgency, int Before, int After);

/// <param name="FiredBefore">Forms it fires for under the current policy.</param>
/// <param name="FiredAfter">Forms it fires for under the candidate.</param>
/// <param name="Started">Forms it fires for under the candidate only.</param>
/// <param name="Stopped">Forms it fires for under the current policy only.</param>
public sealed record RuleShift(string Rule, int FiredBefore, int FiredAfter, int Started, int Stopped);
