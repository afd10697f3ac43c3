using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IptTriage.Hosting.Api.ServerErrors;

/// <summary>
/// A connection's output, held back until each flush, so that an error answer Kestrel made itself can be given a
/// problem-details body on its way out. Kestrel's own answers are recognised by their shape: one flush holding only
/// a status line of 400 or more and headers with <c>Content-Length: 0</c> and no <c>Content-Type</c>. The application
/// never answers so (every error it gives has a problem-details body), so its answers pass unchanged.
/// </summary>
internal sealed class ProblemRewritingWriter(PipeWriter inner) : PipeWriter
{
    // Kestrel's answers are a status line and a few headers (Date, Server, Connection, Content-Length).
    private const int LongestServerAnswer = 1024;

    private static readonly byte[] StatusLinePrefix = "HTTP/1.1 "u8.ToArray();
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    // What one flush may hold before the buffer is let go of once forwarded, so a long-lived connection does not keep
    // the largest answer it ever carried.
    private const int KeptBufferBytes = 64 * 1024;

    private ArrayBufferWriter<byte> pending = new();

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => pending.WrittenCount;

    public override void Advance(int bytes) => pending.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => pending.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => pending.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Forward();
        inner.Complete(exception);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Forward();
        return inner.FlushAsync(cancellationToken);
    }

    private void Forward()
    {
        if (pending.WrittenCount == 0) return;
        if (TryRewrite(pending.WrittenSpan) is { } rewritten) inner.Write(rewritten);
        else inner.Write(pending.WrittenSpan);
        if (pending.Capacity > KeptBufferBytes) pending = new ArrayBufferWriter<byte>();
        else pending.ResetWrittenCount();
    }

    /// <returns>The answer with a problem-details body, or null when <paramref name="data"/> is not an empty error
    /// answer of Kestrel's.</returns>
    private static byte[]? TryRewrite(ReadOnlySpan<byte> data)
    {
        if (data.Length > LongestServerAnswer || !data.StartsWith(StatusLinePrefix) || !data.EndsWith(EndOfHeaders)) return null;
        var text = Encoding.ASCII.GetString(data[..^EndOfHeaders.Length]);
        var lines = text.Split("\r\n");
        if (lines[0].Length < StatusLinePrefix.Length + 3 || !int.TryParse(lines[0].AsSpan(StatusLinePrefix.Length, 3), out var status) || status < 400) return null;
        var headers = lines.Skip(1).ToList();
        if (!headers.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || headers.Any(header => header.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))) return null;

        var title = ReasonPhrases.GetReasonPhrase(status);
        var body = Encoding.UTF8.GetBytes(
            $$"""{"type":"about:blank","title":"{{title}}","status":{{status}},"detail":"The server could not read this request."}""");
        var answer = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(header => !header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            answer.Append(header).Append("\r\n");
        answer.Append("Content-Type: application/problem+json\r\n").Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(answer.ToString()), .. body];
    }
}
