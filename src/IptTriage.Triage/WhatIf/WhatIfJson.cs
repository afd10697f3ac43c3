using System.Text.Json;
using IptTriage.Triage.Decisions;
using static IptTriage.Triage.Decisions.DecisionJson;

namespace IptTriage.Triage.WhatIf;

/// <summary>The what-if report's JSON, the same from <c>iptriage policy what-if</c> and <c>POST /api/policy/what-if</c>
/// (<c>docs/policy-file.md</c>, "Trying a change"): camelCase names, kebab-case codes, nulls written.</summary>
public static class WhatIfJson
{
    /// <summary>Starts the report object and its <c>changes</c> array; then <see cref="WriteChange"/> for each changed
    /// referral as it is found, and <see cref="EndReport"/> with the summary, so no change is held in memory.</summary>
    public static void BeginReport(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("changes"u8);
    }

    public static void EndReport(Utf8JsonWriter writer, WhatIfSummary summary)
    {
        writer.WriteEndArray();
        writer.WritePropertyName("summary"u8);
        WriteSummary(writer, summary);
        writer.WriteEndObject();
    }

    public static void WriteChange(Utf8JsonWriter writer, DecisionChange change)
    {
        writer.WriteStartObject();
        writer.WriteString("referralId"u8, change.ReferralId);
        WriteCodes(writer, "before"u8, change.Before);
        WriteCodes(writer, "after"u8, change.After);
        WriteStrings(writer, "rulesStarted"u8, change.RulesStarted);
        WriteStrings(writer, "rulesStopped"u8, change.RulesStopped);
        writer.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter writer, WhatIfSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteString("currentPolicy"u8, summary.CurrentPolicy);
        writer.WriteString("candidatePolicy"u8, summary.CandidatePolicy);
        writer.WriteNumber("forms"u8, summary.Forms);
        writer.WriteNumber("invalid"u8, summary.Invalid);
        writer.WriteNumber("changed"u8, summary.Changed);
        writer.WriteStartArray("crossTable"u8);
        foreach (var row in summary.CrossTable)
        {
            writer.WriteStartObject();
            writer.WriteString("outcome"u8, WireCode.Utf8Of(row.Outcome));
            WriteCodeOrNull(writer, "pathway"u8, row.Pathway);
            WriteCodeOrNull(writer, "modality"u8, row.Modality);
            WriteCodeOrNull(writer, "urgency"u8, row.Urgency);
            writer.WriteNumber("before"u8, row.Before);
            writer.WriteNumber("after"u8, row.After);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("rules"u8);
        foreach (var rule in summary.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("rule"u8, rule.Rule);
            writer.WriteNumber("firedBefore"u8, rule.FiredBefore);
            writer.WriteNumber("firedAfter"u8, rule.FiredAfter);
            writer.WriteNumber("started"u8, rule.Started);
            writer.WriteNumber("stopped"u8, rule.Stopped);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCodes(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DecisionCodes codes)
    {
        writer.WriteStartObject(name);
        writer.WriteString("outcome"u8, WireCode.Utf8Of(codes.Outcome));
        WriteCodeOrNull(writer, "pathway"u8, codes.Pathway);
        WriteCodeOrNull(writer, "modality"u8, codes.Modality);
        WriteCodeOrNull(writer, "urgency"u8, codes.Urgency);
        DecisionJson.WriteCodes(writer, "adaptations"u8, codes.Adaptations);
        WriteStrings(writer, "exclusions"u8, codes.Exclusions);
        WriteStrings(writer, "flags"u8, codes.Flags);
        writer.WriteEndObject();
    }
}
