using System.Text.Json;

namespace IptTriage.Triage.Decisions;

/// <summary>Writes a decision in the contract's exact output format (camelCase, kebab-case codes).</summary>
public static class DecisionJson
{
    public static void Write(Utf8JsonWriter writer, TriageDecision decision) => throw new NotImplementedException();
}
