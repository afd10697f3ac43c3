using IptTriage.Triage.Decisions;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>One decision per line (<see cref="JsonLinesOutput"/>).</summary>
public sealed class JsonLinesDecisionWriter(Stream output) : DecisionWriter
{
    private readonly JsonLinesOutput lines = new(output);

    public override void Write(TriageDecision decision)
    {
        DecisionJson.Write(lines.Json, decision);
        lines.EndLine();
    }

    public override void Complete() => lines.Complete();

    public override void Dispose()
    {
        lines.Dispose();
        base.Dispose();
    }
}
