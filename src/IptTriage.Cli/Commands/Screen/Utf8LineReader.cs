using System.Buffers;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>Splits a stream of UTF-8 bytes into lines without decoding them, in one pooled buffer. A line longer than
/// <c>maxLineBytes</c> is cut there and the rest of it skipped as it streams past, so memory stays bounded whatever
/// the input; the caller sees a line of exactly <c>maxLineBytes</c> and can reject it for its size.</summary>
public sealed class Utf8LineReader : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream stream;
    private readonly int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private bool endOfStream;
    private bool skippingRestOfLine;
    private bool atStreamStart = true;

    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
        buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, maxLineBytes + 1));
    }

    /// <summary>The 1-based number of the line last returned, counting blank lines.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its <c>\n</c> or <c>\r\n</c>; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        if (skippingRestOfLine) SkipRestOfLine();
        var scanned = 0;
        while (true)
        {
            var newline = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                line = TrimCarriageReturn(buffer.AsMemory(start, length));
                if (line.Length > maxLineBytes) line = line[..maxLineBytes];
                start += length + 1;
                LineNumber++;
                return true;
            }
            scanned = end - start;
            if (scanned >= maxLineBytes)
            {
                line = buffer.AsMemory(start, maxLineBytes);
                start += maxLineBytes;
                skippingRestOfLine = true;
                LineNumber++;
                return true;
            }
            if (!Fill())
            {
                line = TrimCarriageReturn(buffer.AsMemory(start, end - start));
                if (start == end) return false;
                start = end;
                LineNumber++;
                return true;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start += newline + 1;
                skippingRestOfLine = false;
                return;
            }
            start = end;
            if (!Fill()) return;
        }
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer if they fill it, and reads more.
    /// False at the end of the stream.</summary>
    private bool Fill()
    {
        if (endOfStream) return false;
        var unread = end - start;
        if (unread == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxLineBytes + 1));
            buffer.AsSpan(start, unread).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
        else if (start > 0)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
        }
        start = 0;
        end = unread;

        // The first read waits for enough bytes to recognise a byte-order mark.
        var read = atStreamStart
            ? stream.ReadAtLeast(buffer.AsSpan(end), Utf8Bom.Length, throwOnEndOfStream: false)
            : stream.Read(buffer, end, buffer.Length - end);
        end += read;
        if (atStreamStart)
        {
            atStreamStart = false;
            if (buffer.AsSpan(0, end).StartsWith(Utf8Bom.Bytes)) start = Utf8Bom.Length;
        }
        if (read > 0) return true;
        endOfStream = true;
        return false;
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Span is [.., (byte)'\r'] ? line[..^1] : line;
}
