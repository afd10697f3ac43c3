using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.WhatIf;

/// <summary>Every rule id, in the order the policy evaluates its tables (exclusions, routing, medication indicators,
/// review rules, flags), each with an index for counting.</summary>
internal static class RuleOrder
{
    public static readonly string[] Ids =
    [
        .. ExclusionRules.InTableOrder.Select(rule => rule.Id),
        RuleIds.RtCbt, RuleIds.RtMedication, RuleIds.RtIpt,
        .. PathwayRules.MedicationIndicators.Select(rule => rule.Id),
        .. ReviewRules.InTableOrder.Select(rule => rule.Id),
        .. FlagRules.InTableOrder.Select(rule => rule.Id),
    ];

    private static readonly Dictionary<string, int> Indexes = Ids.Select((id, index) => (id, index)).ToDictionary(StringComparer.Ordinal);

    public static int IndexOf(string rule) => Indexes[rule];
}
