using IptTriage.Triage.Decisions;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>Prints decisions in the chosen <see cref="OutputFormat"/>. <see cref="Complete"/> must be called after
/// the last decision for everything to reach the output.</summary>
public abstract class DecisionWriter : IDisposable
{
    public static DecisionWriter Create(OutputFormat format, Stream output, TerminalInfo terminal) => format switch
    {
        OutputFormat.Jsonl => new JsonLinesDecisionWriter(output),
        OutputFormat.Table => new TableDecisionWriter(output, terminal),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public abstract void Write(TriageDecision decision);

    public abstract void Complete();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
