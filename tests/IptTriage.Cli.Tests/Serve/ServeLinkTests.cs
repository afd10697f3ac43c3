using IptTriage.Testing;
using System.Net;
using System.Text;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Serve;

/// <summary>Without <c>Workspace:BaseUrl</c>, staff emails link to where <c>serve</c> listens, not to a fixed port.</summary>
public sealed class ServeLinkTests : IDisposable
{
    private readonly TempDirectory data = new();

    [Fact]
    public async Task A_staff_email_links_to_the_cases_page_on_the_port_serve_listens_on()
    {
        var port = ServeProcess.FreeLoopbackPort();
        using var serve = await ServeProcess.StartAsync(port, data.Path);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/referrals")
        {
            Content = new StringContent(File.ReadAllText(SampleFiles.Valid("0201-crisis-services-cssrs-intent-no-share-consent.json")), Encoding.UTF8, "application/json"),
            Headers = { { "X-Api-Key", serve.KeyFor("intake") } },
        };
        (await client.SendAsync(submit)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var link = $"http://127.0.0.1:{port}/cases/SMP-0201";
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!OutboxText().Contains(link, StringComparison.Ordinal)) await Task.Delay(100, guard.Token);

        OutboxText().Should().NotContain("127.0.0.1:5080");
    }

    /// <summary>Every outbox message's base64 body lines, decoded.</summary>
    private string OutboxText()
    {
        var outbox = Path.Combine(data.Path, "outbox");
        if (!Directory.Exists(outbox)) return "";
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(outbox, "*.eml"))
        {
            var body = new StringBuilder();
            foreach (var line in File.ReadAllLines(file))
            {
                if (line.Length > 0 && line.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) body.Append(line);
                else if (body.Length > 0)
                {
                    text.Append(TryDecode(body.ToString()));
                    body.Clear();
                }
            }
            text.Append(TryDecode(body.ToString()));
        }
        return text.ToString();
    }

    private static string TryDecode(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : "";
    }

    public void Dispose() => data.Dispose();
}
