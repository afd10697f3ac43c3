using System.Net.Http.Headers;
using System.Text;
using IptTriage.Testing;

namespace IptTriage.Workspace.Tests.Support;

/// <summary>A real <c>iptriage serve</c> on a free loopback port with its own data directory, and one staff account
/// per role (<see cref="Staff"/>), created with <c>iptriage users add</c> as an administrator would.</summary>
public sealed class WorkspaceServer : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    /// <summary>Every account the tests sign in with: username, role, display name.</summary>
    public static readonly IReadOnlyList<(string Username, string Role, string Name)> Staff =
    [
        ("alice", "coordinator", "Alice Coordinator"),
        ("sam", "supervisor", "Sam Supervisor"),
        ("carol", "crisis", "Carol Crisis"),
        ("nora", "clinic:northbridge-ipt", "Nora Northbridge"),
        ("sean", "clinic:southgate-mood", "Sean Southgate"),
    ];

    private readonly ServeProcess serve;
    private readonly string dataDirectory;

    private WorkspaceServer(ServeProcess serve, string dataDirectory, Uri baseUrl)
    {
        this.serve = serve;
        this.dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Intake = new HttpClient { BaseAddress = baseUrl };
        Intake.DefaultRequestHeaders.Add("X-Api-Key", serve.KeyFor("intake"));
        Coordinator = new HttpClient { BaseAddress = baseUrl };
        Coordinator.DefaultRequestHeaders.Add("X-Api-Key", serve.KeyFor("coordinator"));
    }

    public Uri BaseUrl { get; }

    /// <summary>The development intake key's client: submits referrals as a referral system would.</summary>
    public HttpClient Intake { get; }

    /// <summary>The development coordinator key's client: reads state the test waits for.</summary>
    public HttpClient Coordinator { get; }

    public string ServeOutput => serve.Output + serve.Errors;

    /// <param name="settings">Configuration for the serve process (<c>Workflow:ReviewTimeout</c> = …), given as
    /// <c>IPTRIAGE_</c> environment variables.</param>
    public static async Task<WorkspaceServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("iptriage-workspace-").FullName;
        foreach (var (username, role, name) in Staff)
        {
            var added = await DotnetHost.RunIptriageAsync(Password + "\n", null, "users", "add", username, "--role", role, "--name", name, "--data", data, "--password-stdin");
            if (added.ExitCode != 0) throw new InvalidOperationException($"iptriage users add {username} failed: {added.Stderr}");
        }
        var environment = (settings ?? new Dictionary<string, string>())
            .ToDictionary(setting => "IPTRIAGE_" + setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        var port = ServeProcess.FreeLoopbackPort();
        var serve = await ServeProcess.StartAsync(port, data, environment);
        return new WorkspaceServer(serve, data, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Submits a sample form under a new referral id; answers the id.</summary>
    public async Task<string> SubmitSampleAsync(string sample, string? referralId = null)
    {
        var form = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", sample)))!;
        referralId ??= "WS-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        form["referralId"] = referralId;
        using var content = new StringContent(form.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await Intake.PostAsync("api/referrals", content);
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"Submitting {sample} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return referralId;
    }

    /// <summary>Waits until the referral has <paramref name="status"/>; fails the test after a minute rather than hang.</summary>
    public async Task WaitForStatusAsync(string referralId, string status)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var last = "";
        while (!guard.IsCancellationRequested)
        {
            using var response = await Coordinator.GetAsync($"api/referrals/{referralId}", CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                using var view = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                last = view.RootElement.GetProperty("status").GetString()!;
                if (last == status) return;
            }
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"{referralId} did not reach {status} (last {last}).");
    }

    public async ValueTask DisposeAsync()
    {
        Intake.Dispose();
        Coordinator.Dispose();
        await serve.InterruptAsync();
        serve.Dispose();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
