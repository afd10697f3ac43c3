using IptTriage.Triage;
using IptTriage.Triage.WhatIf;

namespace IptTriage.Cli.Commands.Policy;

public enum WhatIfFormat { Table, Jsonl, Csv }

/// <summary>Prints a what-if report: each changed referral as it is found, then the summary.</summary>
public abstract class WhatIfWriter : IDisposable
{
    public static WhatIfWriter Create(WhatIfFormat format, CliStreams streams) => format switch
    {
        WhatIfFormat.Table => new TableWhatIfWriter(streams.Stdout, streams.Terminal),
        WhatIfFormat.Jsonl => new JsonLinesWhatIfWriter(streams.Stdout),
        WhatIfFormat.Csv => new CsvWhatIfWriter(streams.Stdout, streams.Stderr),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public abstract void WriteChange(DecisionChange change);

    /// <summary>Ends the report; <paramref name="summary"/> is null when reading the forms failed part-way, so the
    /// changes already found reach the output without a summary that would count only some forms.</summary>
    public abstract void Complete(WhatIfSummary? summary);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>"routed ipt-with-medication routine", "routed alternative/cbt routine", "invalid".</summary>
    protected static string Route(DecisionCodes codes)
    {
        if (codes.Urgency is not { } urgency) return WireCode.Of(codes.Outcome);
        var pathway = codes.Pathway is { } p ? WireCode.Of(p) : "-";
        var modality = codes.Modality is { } m ? "/" + WireCode.Of(m) : "";
        return $"{WireCode.Of(codes.Outcome)} {pathway}{modality} {WireCode.Of(urgency)}";
    }

    /// <summary>The adaptations, exclusions and flags gained (+) and lost (-), in that order.</summary>
    protected static IEnumerable<string> CodesGainedAndLost(DecisionChange change)
    {
        IEnumerable<string> Diff(IEnumerable<string> before, IEnumerable<string> after) =>
            after.Except(before, StringComparer.Ordinal).Select(code => "+" + code).Concat(before.Except(after, StringComparer.Ordinal).Select(code => "-" + code));
        return Diff(change.Before.Adaptations.Select(WireCode.Of), change.After.Adaptations.Select(WireCode.Of))
            .Concat(Diff(change.Before.Exclusions, change.After.Exclusions))
            .Concat(Diff(change.Before.Flags, change.After.Flags));
    }

    protected static string CountLine(WhatIfSummary summary) =>
        $"{summary.Forms} form{(summary.Forms == 1 ? "" : "s")} ({summary.Invalid} invalid): {summary.Changed} decided differently under "
        + $"{summary.CandidatePolicy} than under {summary.CurrentPolicy}";
}
