using System.Buffers;
using IptTriage.Triage.Intake;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>One form's raw UTF-8 bytes and the name an unparseable form is reported under. <see cref="Utf8"/> lives in
/// a pooled buffer and is valid only until the next form is read.</summary>
public readonly record struct SourcedForm(string FallbackId, ReadOnlyMemory<byte> Utf8);

/// <summary>The forms named by the command line, in order: a <c>.jsonl</c> file or standard input holds one form per
/// line (blank lines skipped), a directory contributes its <c>.json</c>/<c>.jsonl</c> files in ordinal name order
/// (not recursively), any other file is one form. Everything is resolved before anything is read, so a missing path
/// fails the command before any decision is printed.</summary>
public sealed class FormSource
{
    private const string StdinPath = "-";

    private readonly IReadOnlyList<Func<IEnumerable<SourcedForm>>> inputs;

    private FormSource(IReadOnlyList<Func<IEnumerable<SourcedForm>>> inputs) => this.inputs = inputs;

    /// <exception cref="UsageException">A path that is neither a file nor a directory.</exception>
    public static FormSource Resolve(IReadOnlyList<string> paths, Func<Stream> openStdin)
    {
        var inputs = new List<Func<IEnumerable<SourcedForm>>>();
        foreach (var path in paths.Count == 0 ? [StdinPath] : paths)
        {
            if (path == StdinPath) inputs.Add(() => ReadLines(openStdin, ""));
            else if (Directory.Exists(path)) inputs.AddRange(FormFilesIn(path).Select(FileInput));
            else if (File.Exists(path)) inputs.Add(FileInput(path));
            else throw new UsageException($"no such file or directory: '{path}'");
        }
        return new FormSource(inputs);
    }

    public IEnumerable<SourcedForm> Read() => inputs.SelectMany(input => input());

    private static IEnumerable<string> FormFilesIn(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(file => IsJsonLines(file) || HasExtension(file, ".json"))
            .Order(StringComparer.Ordinal);

    private static Func<IEnumerable<SourcedForm>> FileInput(string path)
    {
        var name = Path.GetFileName(path);
        return IsJsonLines(path)
            ? () => ReadLines(() => File.OpenRead(path), name + ":")
            : () => ReadWholeFile(path, name);
    }

    private static bool IsJsonLines(string path) => HasExtension(path, ".jsonl");

    private static bool HasExtension(string path, string extension) =>
        Path.GetExtension(path).Equals(extension, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<SourcedForm> ReadLines(Func<Stream> open, string idPrefix)
    {
        using var stream = open();
        using var lines = new Utf8LineReader(stream, IntakeParser.MaxFormBytes + 1);
        while (lines.TryReadLine(out var line))
        {
            if (IsBlank(line.Span)) continue;
            yield return new SourcedForm($"{idPrefix}line {lines.LineNumber}", line);
        }
    }

    /// <summary>Reads at most one byte past the size limit (after any byte-order mark): enough for the parser to
    /// reject an oversized form.</summary>
    private static IEnumerable<SourcedForm> ReadWholeFile(string path, string name)
    {
        const int readLimit = Utf8Bom.Length + IntakeParser.MaxFormBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(readLimit);
        try
        {
            int length;
            using (var stream = File.OpenRead(path))
            {
                length = stream.ReadAtLeast(buffer.AsSpan(0, readLimit), readLimit, throwOnEndOfStream: false);
            }
            var content = Utf8Bom.Skip(buffer.AsMemory(0, length));
            yield return new SourcedForm(name, content[..Math.Min(content.Length, IntakeParser.MaxFormBytes + 1)]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}
