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
        if (paths.Count == 0) return new FormSource([() => ReadLines(openStdin, "")]);
        var inputs = new List<Func<IEnumerable<SourcedForm>>>();
        foreach (var path in paths)
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

    /// <summary>Reads at most one byte past the size limit: enough for the parser to reject an oversized form.</summary>
    private static IEnumerable<SourcedForm> ReadWholeFile(string path, string name)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(IntakeParser.MaxFormBytes + 1);
        try
        {
            int length;
            using (var stream = File.OpenRead(path))
            {
                length = stream.ReadAtLeast(buffer.AsMemory(0, IntakeParser.MaxFormBytes + 1).Span,
                    IntakeParser.MaxFormBytes + 1, throwOnEndOfStream: false);
            }
            var content = buffer.AsMemory(0, length);
            yield return new SourcedForm(name, Utf8Bom.Skip(content));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}
