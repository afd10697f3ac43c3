using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Decisions;

/// <summary>Writes a decision in the contract's exact output format (camelCase, kebab-case codes), fields in the
/// contract table's order. Hand-written against <see cref="Utf8JsonWriter"/>: no reflection, no per-call metadata.</summary>
public static class DecisionJson
{
    /// <summary>Options for <see cref="ToJson"/>: compact, with only the escaping JSON requires. The output is data, never
    /// embedded in HTML, so the default encoder's escaping of characters such as <c>'</c> and <c>+</c> only hurts
    /// readability.</summary>
    public static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(TriageDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            Write(writer, decision);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, TriageDecision decision)
    {
        writer.WriteStartObject();
        writer.WriteString("referralId"u8, decision.ReferralId);
        writer.WriteString("policyVersion"u8, decision.PolicyVersion);
        writer.WriteString("outcome"u8, WireCode.Utf8Of(decision.Outcome));
        WriteCodeOrNull(writer, "pathway"u8, decision.Pathway);
        WriteCodeOrNull(writer, "modality"u8, decision.Modality);
        WriteCodes(writer, "adaptations"u8, decision.Adaptations);
        writer.WriteString("urgency"u8, WireCode.Utf8Of(decision.Urgency));
        WriteStrings(writer, "exclusions"u8, decision.Exclusions);
        WriteStrings(writer, "flags"u8, decision.Flags);
        WriteCodes(writer, "problemAreas"u8, decision.ProblemAreas);
        if (decision.Scores is { } scores) WriteScores(writer, scores);
        else writer.WriteNull("scores"u8);

        writer.WriteStartArray("reasons"u8);
        foreach (var reason in decision.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("rule"u8, reason.Rule);
            writer.WriteString("text"u8, reason.Text);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        if (decision.Outcome == Outcome.Invalid)
        {
            writer.WriteStartArray("errors"u8);
            foreach (var error in decision.Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("path"u8, error.Path);
                writer.WriteString("message"u8, error.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteScores(Utf8JsonWriter writer, Scores scores)
    {
        writer.WriteStartObject("scores"u8);

        writer.WriteStartObject("phq9"u8);
        writer.WriteNumber("total"u8, scores.Phq9.Total);
        writer.WriteString("severity"u8, WireCode.Utf8Of(scores.Phq9.Severity));
        writer.WriteNumber("item9"u8, scores.Phq9.Item9);
        writer.WriteEndObject();

        if (scores.Gad7 is { } gad7)
        {
            writer.WriteStartObject("gad7"u8);
            writer.WriteNumber("total"u8, gad7.Total);
            writer.WriteString("severity"u8, WireCode.Utf8Of(gad7.Severity));
            writer.WriteEndObject();
        }
        if (scores.Cssrs is { } cssrs)
        {
            writer.WriteStartObject("cssrs"u8);
            writer.WriteString("risk"u8, WireCode.Utf8Of(cssrs.Risk));
            writer.WriteEndObject();
        }
        if (scores.Pqb is { } pqb)
        {
            writer.WriteStartObject("pqb"u8);
            writer.WriteNumber("endorsed"u8, pqb.Endorsed);
            writer.WriteNumber("distress"u8, pqb.Distress);
            writer.WriteBoolean("positive"u8, pqb.Positive);
            writer.WriteEndObject();
        }
        if (scores.Mdq is { } mdq)
        {
            writer.WriteStartObject("mdq"u8);
            writer.WriteBoolean("positive"u8, mdq.Positive);
            writer.WriteEndObject();
        }
        if (scores.MsiBpd is { } msiBpd) WriteTotalAndPositive(writer, "msiBpd"u8, msiBpd.Total, msiBpd.Positive);
        if (scores.PcPtsd5 is { } pcPtsd5) WriteTotalAndPositive(writer, "pcPtsd5"u8, pcPtsd5.Total, pcPtsd5.Positive);
        if (scores.AuditC is { } auditC) WriteTotalAndPositive(writer, "auditC"u8, auditC.Total, auditC.Positive);

        writer.WriteEndObject();
    }

    private static void WriteTotalAndPositive(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int total, bool positive)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("total"u8, total);
        writer.WriteBoolean("positive"u8, positive);
        writer.WriteEndObject();
    }

    internal static void WriteCodeOrNull<TEnum>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TEnum? value) where TEnum : struct, Enum
    {
        if (value is { } code) writer.WriteString(name, WireCode.Utf8Of(code));
        else writer.WriteNull(name);
    }

    internal static void WriteCodes<TEnum>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<TEnum> codes) where TEnum : struct, Enum
    {
        writer.WriteStartArray(name);
        foreach (var code in codes) writer.WriteStringValue(WireCode.Utf8Of(code));
        writer.WriteEndArray();
    }

    internal static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
