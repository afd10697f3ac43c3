using System.Text;
using FsCheck;
using FsCheck.Fluent;
using IptTriage.Cli.Commands.Screen;

namespace IptTriage.Cli.Tests.Screen;

public sealed class Utf8LineReaderTests
{
    [Fact]
    public void Lines_come_back_byte_for_byte_whatever_the_read_sizes_and_long_lines_are_cut_at_the_limit()
    {
        Prop.ForAll<string[], int, PositiveInt>((texts, seed, limit) =>
        {
            var maxLineBytes = limit.Get % 64 + 1;
            var lines = texts.Select(text => Encoding.UTF8.GetBytes((text ?? "").Replace('\n', ' ').Replace('\r', ' '))).ToList();
            var input = lines.SelectMany(line => line.Append((byte)'\n')).ToArray();

            var read = ReadAll(new TricklingStream(input, new Random(seed)), maxLineBytes);

            return read.Select(line => line.Bytes).SequenceEqual(lines.Select(line => line.Take(maxLineBytes).ToArray()), ByteArrays.Comparer)
                && read.Select(line => line.Number).SequenceEqual(Enumerable.Range(1, lines.Count));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Crlf_endings_are_trimmed_blank_lines_counted_and_a_last_line_without_newline_kept()
    {
        var read = ReadAll(new MemoryStream("a\r\n\r\nb\nc"u8.ToArray()), 100);

        read.Select(line => Encoding.UTF8.GetString(line.Bytes)).Should().Equal("a", "", "b", "c");
        read.Select(line => line.Number).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_is_skipped_even_when_it_arrives_a_byte_at_a_time()
    {
        var input = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}', (byte)'\n' };

        var read = ReadAll(new TricklingStream(input, new Random(1), maxChunk: 1), 100);

        read.Select(line => Encoding.UTF8.GetString(line.Bytes)).Should().Equal("{}");
    }

    [Fact]
    public void A_line_far_longer_than_the_limit_is_skipped_without_buffering_it()
    {
        var input = new byte[3_000_001];
        input.AsSpan().Fill((byte)'x');
        input[^1] = (byte)'\n';
        var stream = new MemoryStream([.. input, .. "next"u8.ToArray()]);

        var read = ReadAll(stream, 1000);

        read.Select(line => line.Bytes.Length).Should().Equal(1000, 4);
        read[1].Number.Should().Be(2);
    }

    private static List<(byte[] Bytes, int Number)> ReadAll(Stream stream, int maxLineBytes)
    {
        using var reader = new Utf8LineReader(stream, maxLineBytes);
        var lines = new List<(byte[], int)>();
        while (reader.TryReadLine(out var line)) lines.Add((line.ToArray(), reader.LineNumber));
        return lines;
    }

    /// <summary>Hands out its bytes in small random pieces, as a pipe does.</summary>
    private sealed class TricklingStream(byte[] data, Random random, int maxChunk = 7) : Stream
    {
        private int position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var length = Math.Min(Math.Min(count, random.Next(1, maxChunk + 1)), data.Length - position);
            data.AsSpan(position, length).CopyTo(buffer.AsSpan(offset));
            position += length;
            return length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ByteArrays : IEqualityComparer<byte[]>
    {
        public static ByteArrays Comparer { get; } = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => obj.Length;
    }
}
