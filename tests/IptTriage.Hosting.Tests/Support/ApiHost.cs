using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Hosting.Api;
using IptTriage.Workflow.Clinics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Support;

/// <summary>The API on real Kestrel over a loopback port, with the real workflow and a temporary data directory.
/// Keys: <see cref="CoordinatorKey"/>, <see cref="IntakeKey"/>, and <see cref="ClinicKey"/> for every clinic in the
/// bundled directory.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string CoordinatorKey = "test-coordinator-key-5f0c9a7e21b4d8";
    public const string IntakeKey = "test-intake-key-8d3b61f0a9c47e2519";

    private readonly WebApplication app;
    private readonly string dataDirectory;

    private ApiHost(WebApplication app, string dataDirectory, Uri address)
    {
        this.app = app;
        this.dataDirectory = dataDirectory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static IReadOnlyList<string> ClinicIds { get; } = LoadClinicIds();

    public static string ClinicKey(string clinicId) => $"test-clinic-key-{clinicId}-3e9a17c5";

    /// <param name="services">More services, as a test's log capture.</param>
    public static async Task<ApiHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iptriage-api-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(DefaultSettings(dataDirectory)).AddInMemoryCollection(settings ?? []);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        services?.Invoke(builder.Services);
        var app = builder.BuildIptTriageApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ApiHost(app, dataDirectory, new Uri(address));
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient Coordinator() => Client(CoordinatorKey);

    public HttpClient Clinic(string clinicId) => Client(ClinicKey(clinicId));

    /// <summary>Submits a sample form and returns its referral id.</summary>
    public async Task<string> SubmitAsync(string sampleName) => await SubmitAsync(Samples.Read(sampleName));

    public async Task<string> SubmitAsync(JsonNode form)
    {
        using var client = Coordinator();
        using var response = await client.PostAsync("/api/referrals", Samples.Content(form));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralId").GetString()!;
    }

    /// <summary>The coordinator's view once the referral has reached <paramref name="status"/> and, where given, its
    /// audit trail holds <paramref name="auditStep"/> (the orchestration runs in the background, and a step records its
    /// status a moment before its audit entry).</summary>
    public async Task<JsonElement> WaitForStatusAsync(string referralId, string status, string? auditStep = null)
    {
        using var client = Coordinator();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}", guard.Token);
            if (view.GetProperty("status").GetString() == status
                && (auditStep is null || view.GetProperty("audit").EnumerateArray().Any(entry => entry.GetProperty("step").GetString() == auditStep)))
                return view;
            await Task.Delay(25, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static Dictionary<string, string?> DefaultSettings(string dataDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IptTriage:DataDirectory"] = dataDirectory,
            // Tests poll and call from one address far faster than people do; the limits' own tests set theirs.
            ["Api:Limits:RequestsPerMinutePerKey"] = "1000000",
            ["Api:Limits:RequestsPerMinutePerAddress"] = "1000000",
            ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "1000000",
            ["Api:Limits:UnreadableSubmissionsPerMinutePerKey"] = "1000000",
        };
        (string Key, string Role)[] keys = [(CoordinatorKey, "coordinator"), (IntakeKey, "intake"), .. ClinicIds.Select(id => (ClinicKey(id), $"clinic:{id}"))];
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Api:Keys:{i}:Key"] = keys[i].Key;
            settings[$"Api:Keys:{i}:Role"] = keys[i].Role;
        }
        return settings;
    }

    private static List<string> LoadClinicIds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json");
        using var file = File.OpenRead(path);
        return [.. ClinicDirectory.Load(file, path).Clinics.Select(clinic => clinic.Id)];
    }
}
