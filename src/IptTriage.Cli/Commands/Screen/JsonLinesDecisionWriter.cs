using System.Buffers;
using System.Text.Json;
using IptTriage.Triage.Decisions;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>One decision per line. Decisions are serialised into a reused buffer and written to the output in
/// large chunks, so neither memory nor system calls grow with the number of forms.</summary>
public sealed class JsonLinesDecisionWriter : DecisionWriter
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream output;
    private readonly ArrayBufferWriter<byte> pending = new(ChunkBytes * 2);
    private readonly Utf8JsonWriter json;

    public JsonLinesDecisionWriter(Stream output)
    {
        this.output = output;
        json = new Utf8JsonWriter(pending);
    }

    public override void Write(TriageDecision decision)
    {
        DecisionJson.Write(json, decision);
        json.Flush();
        // A writer accepts one top-level value; Reset starts the next line's value on the same buffer.
        json.Reset();
        pending.Write("\n"u8);
        if (pending.WrittenCount >= ChunkBytes) Drain();
    }

    public override void Complete()
    {
        Drain();
        output.Flush();
    }

    public override void Dispose()
    {
        json.Dispose();
        base.Dispose();
    }

    private void Drain()
    {
        output.Write(pending.WrittenSpan);
        pending.ResetWrittenCount();
    }
}
