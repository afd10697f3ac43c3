using System.Buffers;
using System.Text.Json;

namespace IptTriage.Cli.Commands;

/// <summary>JSON values one per line, serialised into a reused buffer and written to the output in large chunks, so
/// neither memory nor system calls grow with the number of lines.</summary>
public sealed class JsonLinesOutput : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream output;
    private readonly ArrayBufferWriter<byte> pending = new(ChunkBytes * 2);

    public JsonLinesOutput(Stream output, JsonWriterOptions options = default)
    {
        this.output = output;
        Json = new Utf8JsonWriter(pending, options);
    }

    /// <summary>Where the next line's one value is written; then <see cref="EndLine"/>.</summary>
    public Utf8JsonWriter Json { get; }

    public void EndLine()
    {
        Json.Flush();
        // A writer accepts one top-level value; Reset starts the next line's value on the same buffer.
        Json.Reset();
        pending.Write("\n"u8);
        if (pending.WrittenCount >= ChunkBytes) Drain();
    }

    public void Complete()
    {
        Drain();
        output.Flush();
    }

    public void Dispose() => Json.Dispose();

    private void Drain()
    {
        output.Write(pending.WrittenSpan);
        pending.ResetWrittenCount();
    }
}
