using IptTriage.Testing;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Serve;

/// <summary><c>iptriage serve</c> run for real as a child process on a free loopback port, called over HTTP.</summary>
public sealed class ServeExecutableTests : IDisposable
{
    private readonly TempDirectory data = new();

    [Fact]
    public async Task Serve_prints_development_keys_once_answers_with_them_stops_on_ctrl_c_and_keeps_its_data()
    {
        var port = ServeProcess.FreeLoopbackPort();
        string coordinatorKey;
        using (var first = await ServeProcess.StartAsync(port, data.Path))
        {
            coordinatorKey = first.KeyFor("coordinator");
            var intakeKey = first.KeyFor("intake");
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            (await client.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/referrals")
            {
                Content = new StringContent(File.ReadAllText(SampleFiles.Valid("0301-review-risk-cssrs-moderate-method.json")), Encoding.UTF8, "application/json"),
                Headers = { { "X-Api-Key", intakeKey } },
            };
            (await client.SendAsync(submit)).StatusCode.Should().Be(HttpStatusCode.Accepted);

            if (OperatingSystem.IsWindows()) return; // no SIGINT to send; the graceful stop is checked on Unix
            (await first.InterruptAsync()).Should().Be(ExitCodes.Success, first.Output);
        }

        var keptKeys = File.ReadAllText(Path.Combine(data.Path, "api-keys.json"));
        keptKeys.Should().NotContain(coordinatorKey, "the keys are kept as hashes only").And.Contain("\"KeyHash\": \"sha256:");
        using var second = await ServeProcess.StartAsync(port, data.Path);
        second.Output.Should().NotContain(coordinatorKey).And.Contain("API keys: the development keys in");
        using var again = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        again.DefaultRequestHeaders.Add("X-Api-Key", coordinatorKey);
        (await again.GetAsync("/api/referrals/SMP-0301")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_development_keys_file_is_readable_by_this_account_only()
    {
        if (OperatingSystem.IsWindows()) return;
        using var serve = await ServeProcess.StartAsync(ServeProcess.FreeLoopbackPort(), data.Path);

        File.GetUnixFileMode(Path.Combine(data.Path, "api-keys.json")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_with_one_sentence_naming_the_address_and_creates_no_keys()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var serve = ServeProcess.Start(port, data.Path);

        (await serve.WaitForExitAsync()).Should().Be(ExitCodes.UsageError);
        serve.Errors.Trim().Should().Be($"iptriage serve: Failed to bind to address http://127.0.0.1:{port}: address already in use.");
        serve.Output.Should().NotContain("shown only this once").And.NotContain(" at ").And.NotContain("Exception");
        File.Exists(Path.Combine(data.Path, "api-keys.json")).Should().BeFalse();
    }

    [Fact]
    public async Task Run_and_run_fresh_on_a_data_directory_serve_holds_exit_2_with_one_sentence_and_touch_nothing()
    {
        using var serve = await ServeProcess.StartAsync(ServeProcess.FreeLoopbackPort(), data.Path);
        var before = Directory.GetFiles(data.Path).Order(StringComparer.Ordinal).ToList();
        var sample = SampleFiles.Valid("0101-ipt-grief-spanish-speaking-widow.json");

        foreach (var run in new[] { InProcessCli.Run("run", "--data", data.Path, sample), InProcessCli.Run("run", "--data", data.Path, "--fresh", sample) })
        {
            run.ExitCode.Should().Be(ExitCodes.UsageError, run.Stderr);
            run.Stderr.Trim().Should().Be($"iptriage run: The data directory '{data.Path}' is in use by another iptriage process "
                + "(a running 'iptriage serve' or 'iptriage run'); stop that process first, or use another data directory.");
        }
        Directory.GetFiles(data.Path).Order(StringComparer.Ordinal).Should().Equal(before);
    }

    [Fact]
    public async Task Run_fresh_starts_over_on_a_data_directory_serve_used_session_keys_and_all()
    {
        if (OperatingSystem.IsWindows()) return; // no SIGINT to send
        using (var serve = await ServeProcess.StartAsync(ServeProcess.FreeLoopbackPort(), data.Path)) await serve.InterruptAsync();
        Directory.Exists(Path.Combine(data.Path, "session-keys")).Should().BeTrue();

        var run = InProcessCli.Run("run", "--data", data.Path, "--fresh", SampleFiles.Valid("0101-ipt-grief-spanish-speaking-widow.json"));

        run.ExitCode.Should().Be(ExitCodes.Success, run.Stderr);
        Directory.Exists(Path.Combine(data.Path, "session-keys")).Should().BeFalse("--fresh deletes what serve wrote too");
    }

    public void Dispose() => data.Dispose();
}
