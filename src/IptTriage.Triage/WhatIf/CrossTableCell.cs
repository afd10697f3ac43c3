using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.WhatIf;

/// <summary>A cell of the outcome × pathway × modality × urgency table as one array index, so counting a decision
/// costs an increment, not a dictionary lookup. A null pathway, modality or urgency is its own value, before the rest.</summary>
internal static class CrossTableCell
{
    private static readonly int Outcomes = Enum.GetValues<Outcome>().Length;
    private static readonly int Pathways = Enum.GetValues<Pathway>().Length + 1;
    private static readonly int Modalities = Enum.GetValues<Modality>().Length + 1;
    private static readonly int Urgencies = Enum.GetValues<Urgency>().Length + 1;

    public static readonly int Count = Outcomes * Pathways * Modalities * Urgencies;

    public static int IndexOf(TriageDecision decision)
    {
        var pathway = decision.Pathway is { } p ? (int)p + 1 : 0;
        var modality = decision.Modality is { } m ? (int)m + 1 : 0;
        var urgency = decision.Outcome == Outcome.Invalid ? 0 : (int)decision.Urgency + 1;
        return (((int)decision.Outcome * Pathways + pathway) * Modalities + modality) * Urgencies + urgency;
    }

    public static CrossTableRow Row(int index, int before, int after)
    {
        var urgency = index % Urgencies;
        index /= Urgencies;
        var modality = index % Modalities;
        index /= Modalities;
        var pathway = index % Pathways;
        return new CrossTableRow((Outcome)(index / Pathways), Value<Pathway>(pathway), Value<Modality>(modality), Value<Urgency>(urgency), before, after);
    }

    private static TEnum? Value<TEnum>(int code) where TEnum : struct, Enum => code == 0 ? null : (TEnum)Enum.ToObject(typeof(TEnum), code - 1);
}
