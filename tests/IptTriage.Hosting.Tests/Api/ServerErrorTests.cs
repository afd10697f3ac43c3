using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Requests Kestrel refuses before the application sees them still get problem details, and repeat
/// nothing of the request. Sent as raw bytes: an HTTP client would not send most of them.</summary>
public sealed class ServerErrorTests : IAsyncLifetime
{
    private const string Personal = "Lucia-Fernandez";

    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, int> Refused() => new()
    {
        { $"GET /api/referrals/{Personal}{new string('x', 9000)} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414 },
        { $"GET /api/reviews HTTP/1.1\r\nHost: localhost\r\nX-Note: {Personal}{new string('x', 40_000)}\r\n\r\n", 431 },
        { $"GET /api/reviews {Personal} HTTP/1.1\r\nHost: localhost\r\n\r\n", 400 },
        { $"GET /api/reviews HTTP/1.1\r\nHost: localhost\r\n{Personal}\r\n\r\n", 400 },
        { "GET /api/reviews HTTP/1.1\r\n\r\n", 400 },
        { $"POST /api/referrals/X/review HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: {Personal}\r\n\r\nhello", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_kestrel_refuses_gets_problem_details_that_repeat_none_of_it(string request, int status)
    {
        var (statusLine, headers, body) = await SendRawAsync(request);

        statusLine.Should().StartWith($"HTTP/1.1 {status} ");
        headers.Should().Contain("Content-Type: application/problem+json").And.Contain($"Content-Length: {Encoding.UTF8.GetByteCount(body)}");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        body.Should().NotContain(Personal);
    }

    [Fact]
    public async Task A_body_over_kestrels_size_limit_gets_413_problem_details()
    {
        var (statusLine, headers, body) = await SendRawAsync(
            $"POST /api/referrals/X/review HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {ApiHost.CoordinatorKey}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {64L * 1024 * 1024}\r\n\r\n{{\"reason\":\"{Personal}\"");

        statusLine.Should().StartWith("HTTP/1.1 413 ");
        headers.Should().Contain("Content-Type: application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().Should().Be(413);
        body.Should().NotContain(Personal);
    }

    [Fact]
    public async Task The_applications_own_answers_on_the_same_connection_pass_unchanged()
    {
        var (statusLine, headers, body) = await SendRawAsync(
            $"GET /api/reviews HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {ApiHost.CoordinatorKey}\r\nConnection: close\r\n\r\n");

        statusLine.Should().StartWith("HTTP/1.1 200 ");
        headers.Should().Contain("Content-Type: application/json; charset=utf-8");
        body.Should().Be("[]");
    }

    /// <summary>Sends <paramref name="request"/> on a new connection and reads the answer until the server closes it.</summary>
    private async Task<(string StatusLine, string[] Headers, string Body)> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, guard.Token);
        }
        catch (IOException)
        {
            // The server may reset the connection after answering a request whose body it did not read.
        }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        split.Should().BePositive(text);
        var head = text[..split].Split("\r\n");
        var body = text[(split + 4)..];
        return (head[0], head[1..], head.Contains("Transfer-Encoding: chunked") ? Dechunk(body) : body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        for (var at = 0; ;)
        {
            var sizeEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..sizeEnd], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, sizeEnd + 2, size);
            at = sizeEnd + 2 + size + 2;
        }
    }
}
