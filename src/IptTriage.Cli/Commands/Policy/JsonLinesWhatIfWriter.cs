using IptTriage.Triage.WhatIf;

namespace IptTriage.Cli.Commands.Policy;

/// <summary>One changed referral per line, then one line <c>{"summary": {...}}</c>, in <see cref="WhatIfJson"/>'s shapes.</summary>
public sealed class JsonLinesWhatIfWriter(Stream output) : WhatIfWriter
{
    private readonly JsonLinesOutput lines = new(output, Triage.Decisions.DecisionJson.CompactOptions);

    public override void WriteChange(DecisionChange change)
    {
        WhatIfJson.WriteChange(lines.Json, change);
        lines.EndLine();
    }

    public override void Complete(WhatIfSummary? summary)
    {
        if (summary is not null)
        {
            lines.Json.WriteStartObject();
            lines.Json.WritePropertyName("summary"u8);
            WhatIfJson.WriteSummary(lines.Json, summary);
            lines.Json.WriteEndObject();
            lines.EndLine();
        }
        lines.Complete();
    }

    public override void Dispose()
    {
        lines.Dispose();
        base.Dispose();
    }
}
