namespace IptTriage.Cli.Commands.Screen;

/// <summary>Editors on some platforms start UTF-8 files with a byte-order mark, which JSON does not allow.</summary>
internal static class Utf8Bom
{
    public const int Length = 3;

    public static ReadOnlySpan<byte> Bytes => [0xEF, 0xBB, 0xBF];

    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> content) =>
        content.Span.StartsWith(Bytes) ? content[Length..] : content;
}
