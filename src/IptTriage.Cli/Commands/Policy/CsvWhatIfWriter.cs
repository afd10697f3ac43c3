using IptTriage.Triage;
using IptTriage.Triage.WhatIf;

namespace IptTriage.Cli.Commands.Policy;

/// <summary>One row per changed referral, for a spreadsheet; lists are space-separated codes. The counts go to standard
/// error, one line, so the output stays one table.</summary>
public sealed class CsvWhatIfWriter(Stream output, TextWriter stderr) : WhatIfWriter
{
    private static readonly string[] Columns =
    [
        "referralId", "outcomeBefore", "outcomeAfter", "pathwayBefore", "pathwayAfter", "modalityBefore", "modalityAfter",
        "urgencyBefore", "urgencyAfter", "adaptationsBefore", "adaptationsAfter", "exclusionsBefore", "exclusionsAfter",
        "flagsBefore", "flagsAfter", "rulesStarted", "rulesStopped",
    ];

    private readonly StreamWriter text = new(output, leaveOpen: true) { NewLine = "\r\n" };
    private bool headerWritten;

    public override void WriteChange(DecisionChange change)
    {
        WriteHeaderOnce();
        var (before, after) = (change.Before, change.After);
        Row(change.ReferralId, WireCode.Of(before.Outcome), WireCode.Of(after.Outcome), Code(before.Pathway), Code(after.Pathway),
            Code(before.Modality), Code(after.Modality), Code(before.Urgency), Code(after.Urgency),
            string.Join(' ', before.Adaptations.Select(WireCode.Of)), string.Join(' ', after.Adaptations.Select(WireCode.Of)),
            string.Join(' ', before.Exclusions), string.Join(' ', after.Exclusions), string.Join(' ', before.Flags), string.Join(' ', after.Flags),
            string.Join(' ', change.RulesStarted), string.Join(' ', change.RulesStopped));
    }

    public override void Complete(WhatIfSummary? summary)
    {
        WriteHeaderOnce();
        text.Flush();
        if (summary is not null) stderr.WriteLine($"iptriage policy what-if: {CountLine(summary)}");
    }

    public override void Dispose()
    {
        text.Dispose();
        base.Dispose();
    }

    private void WriteHeaderOnce()
    {
        if (headerWritten) return;
        headerWritten = true;
        Row(Columns);
    }

    private void Row(params string[] values) => text.WriteLine(string.Join(',', values.Select(Quoted)));

    /// <summary>RFC 4180: a value holding a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } code ? WireCode.Of(code) : "";
}
