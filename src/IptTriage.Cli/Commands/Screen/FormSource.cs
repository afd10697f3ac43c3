using System.Buffers;
using System.Text.Json;
using IptTriage.Triage.Intake;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>One form's raw UTF-8 bytes and the name an unparseable form is reported under. <see cref="Utf8"/> lives in
/// a pooled buffer and is valid only until the next form is read.</summary>
/// <param name="Bytes">The form's whole size when it was cut at the read limit and the size is known (a file, or a
/// document on standard input); null otherwise.</param>
public readonly record struct SourcedForm(string FallbackId, ReadOnlyMemory<byte> Utf8, long? Bytes = null)
{
    /// <summary>More than the contract allows: invalid for its size, never parsed.</summary>
    public bool IsOversize => Utf8.Length > IntakeParser.MaxFormBytes;
}

/// <summary>The forms named by the command line, in order: a <c>.jsonl</c> file holds one form per line (blank lines
/// skipped), a directory contributes its <c>.json</c>/<c>.jsonl</c> files in ordinal name order (not recursively,
/// and naming any other file it skips), any other file is one form, and standard input is JSON Lines or one JSON
/// document, pretty-printed or not. Every path is checked before anything is read, so a missing or unreadable path
/// fails the command before any decision is printed.</summary>
public sealed class FormSource
{
    private const string StdinPath = "-";

    /// <summary>What an unparseable form that was the whole of standard input is reported as.</summary>
    private const string StdinDocumentId = "stdin";

    private readonly IReadOnlyList<Func<IEnumerable<SourcedForm>>> inputs;

    private FormSource(IReadOnlyList<Func<IEnumerable<SourcedForm>>> inputs) => this.inputs = inputs;

    /// <param name="notice">Told what the user should know but that is no error: files skipped in a directory, and
    /// that the command waits for input typed on a terminal.</param>
    /// <exception cref="UsageException">A path that is neither a file nor a directory, or cannot be read.</exception>
    public static FormSource Resolve(IReadOnlyList<string> paths, CliStreams streams, Action<string> notice)
    {
        var inputs = new List<Func<IEnumerable<SourcedForm>>>();
        foreach (var path in paths.Count == 0 ? [StdinPath] : paths)
        {
            if (path == StdinPath) inputs.Add(() => ReadStdin(streams, notice));
            else if (Directory.Exists(path)) inputs.AddRange(FormFilesIn(path, notice).Select(FileInput));
            else if (File.Exists(path)) inputs.Add(FileInput(CheckedReadable(path)));
            else throw new UsageException($"no such file or directory: '{path}'");
        }
        return new FormSource(inputs);
    }

    public IEnumerable<SourcedForm> Read() => inputs.SelectMany(input => input());

    private static List<string> FormFilesIn(string directory, Action<string> notice)
    {
        List<string> files;
        try
        {
            files = [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)];
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the directory '{directory}': permission denied");
        }
        var forms = files.Where(file => IsJsonLines(file) || HasExtension(file, ".json")).ToList();
        var skipped = files.Except(forms).Select(Path.GetFileName).ToList();
        if (skipped.Count > 0)
            notice($"skipped {string.Join(", ", skipped.Take(5))}{(skipped.Count > 5 ? $" and {skipped.Count - 5} more" : "")} in '{directory}': only .json and .jsonl files are read");
        return [.. forms.Select(CheckedReadable)];
    }

    private static string CheckedReadable(string path)
    {
        try
        {
            File.OpenRead(path).Dispose();
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': permission denied");
        }
    }

    private static Func<IEnumerable<SourcedForm>> FileInput(string path)
    {
        var name = Path.GetFileName(path);
        return IsJsonLines(path)
            ? () => ReadLinesOf(() => File.OpenRead(path), name + ":")
            : () => ReadWhole(() => File.OpenRead(path), name);
    }

    private static bool IsJsonLines(string path) => HasExtension(path, ".jsonl");

    private static bool HasExtension(string path, string extension) =>
        Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<SourcedForm> ReadLinesOf(Func<Stream> open, string idPrefix)
    {
        using var stream = open();
        foreach (var form in ReadLines(stream, idPrefix)) yield return form;
    }

    private static IEnumerable<SourcedForm> ReadLines(Stream stream, string idPrefix)
    {
        using var lines = new Utf8LineReader(stream, IntakeParser.MaxFormBytes + 1);
        while (lines.TryReadLine(out var line))
        {
            if (IsBlank(line.Span)) continue;
            yield return new SourcedForm($"{idPrefix}line {lines.LineNumber}", line);
        }
    }

    /// <summary>JSON Lines, unless the first line that is not blank starts a JSON object or array it does not finish:
    /// then the whole input is one document, as when a pretty-printed form is piped in.</summary>
    private static IEnumerable<SourcedForm> ReadStdin(CliStreams streams, Action<string> notice)
    {
        if (streams.StdinIsTerminal)
            notice("reading forms from standard input (JSON Lines, or one JSON document); end the input with Ctrl+D (Ctrl+Z, Enter on Windows)");
        using var stdin = streams.OpenStdin();
        var start = ReadFirstLines(stdin);
        using var input = new PrefixedStream(start, stdin);
        var forms = StartsADocument(start) ? ReadWhole(() => input, StdinDocumentId, leaveOpen: true) : ReadLines(input, "");
        foreach (var form in forms) yield return form;
    }

    /// <summary>The input up to the end of its first line that is not blank (or as much as a form may be, or all of it).</summary>
    private static byte[] ReadFirstLines(Stream stream)
    {
        const int limit = Utf8Bom.Length + IntakeParser.MaxFormBytes + 1;
        var start = new ArrayBufferWriter<byte>();
        while (start.WrittenCount < limit && !HasContentLine(start.WrittenSpan))
        {
            var wanted = Math.Min(64 * 1024, limit - start.WrittenCount);
            var read = stream.Read(start.GetSpan(wanted)[..wanted]);
            if (read == 0) break;
            start.Advance(read);
        }
        return start.WrittenSpan.ToArray();
    }

    private static bool HasContentLine(ReadOnlySpan<byte> text)
    {
        var content = text.IndexOfAnyExcept(" \t\r\n"u8);
        return content >= 0 && text[content..].Contains((byte)'\n');
    }

    private static bool StartsADocument(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith(Utf8Bom.Bytes)) start = start[Utf8Bom.Length..];
        var content = start.IndexOfAnyExcept(" \t\r\n"u8);
        if (content < 0) return false;
        var newline = start[content..].IndexOf((byte)'\n');
        if (newline < 0) return false;
        var reader = new Utf8JsonReader(start.Slice(content, newline), isFinalBlock: false, state: default);
        try
        {
            return reader.Read() && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Keeps at most one byte past the size limit (after any byte-order mark), enough for the form to be
    /// rejected for its size, and counts the rest so the rejection can say how large the form was.</summary>
    private static IEnumerable<SourcedForm> ReadWhole(Func<Stream> open, string name, bool leaveOpen = false)
    {
        const int readLimit = Utf8Bom.Length + IntakeParser.MaxFormBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(readLimit);
        try
        {
            var stream = open();
            int length;
            long rest;
            try
            {
                length = stream.ReadAtLeast(buffer.AsSpan(0, readLimit), readLimit, throwOnEndOfStream: false);
                rest = length < readLimit ? 0 : Remaining(stream);
            }
            finally
            {
                if (!leaveOpen) stream.Dispose();
            }
            var content = Utf8Bom.Skip(buffer.AsMemory(0, length));
            var form = content[..Math.Min(content.Length, IntakeParser.MaxFormBytes + 1)];
            yield return new SourcedForm(name, form, rest > 0 || content.Length > IntakeParser.MaxFormBytes ? content.Length + rest : null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>How many bytes are left, read and dropped (a file is asked its size instead).</summary>
    private static long Remaining(Stream stream)
    {
        if (stream.CanSeek) return stream.Length - stream.Position;
        Span<byte> scratch = stackalloc byte[4096];
        long rest = 0;
        int read;
        while ((read = stream.Read(scratch)) > 0) rest += read;
        return rest;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}
