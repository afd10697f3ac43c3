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
    public const string SupervisorKey = "test-supervisor-key-2c7e90b41fa3d6";
    public const string CrisisKey = "test-crisis-key-7a1d4e6b9c03f825";

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

    /// <summary>The key configured for <paramref name="role"/> (a staff role: coordinator, supervisor, crisis or clinic:&lt;id&gt;).</summary>
    public static string KeyOf(string role) => role switch
    {
        "coordinator" => CoordinatorKey,
        "supervisor" => SupervisorKey,
        "crisis" => CrisisKey,
        _ => ClinicKey(role["clinic:".Length..]),
    };

    /// <param name="services">Changes to the host's services (a session clock, a log capture), after the host's own.</param>
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

    /// <summary>Submits <see cref="Samples.Routed"/> (north, Spanish, adult, IPT) and has both clinics that match it,
    /// northbridge-ipt then lumen-telehealth, decline it, so it is unplaced though both still match with room.</summary>
    public async Task<string> SubmitDeclinedByEveryMatchAsync()
    {
        var referralId = await SubmitAsync(Samples.Routed);
        await DeclineAsync(referralId, "northbridge-ipt");
        await DeclineAsync(referralId, "lumen-telehealth");
        await WaitForStatusAsync(referralId, "unplaced");
        return referralId;
    }

    /// <summary>Once the referral awaits <paramref name="clinicId"/>'s answer, declines it as that clinic and waits
    /// until the orchestration has moved on.</summary>
    public async Task DeclineAsync(string referralId, string clinicId)
    {
        using var coordinator = Coordinator();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}", guard.Token)) is var view
            && !(view.GetProperty("status").GetString() == "awaiting-clinic" && view.GetProperty("clinicId").GetString() == clinicId))
            await Task.Delay(25, guard.Token);
        using var clinic = Clinic(clinicId);
        using var declined = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":false}"""), guard.Token);
        declined.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, await declined.Content.ReadAsStringAsync(guard.Token));
        while ((await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}", guard.Token)) is var after
            && (after.GetProperty("status").GetString() is "awaiting-clinic" or "placing") && after.GetProperty("clinicId").GetString() == clinicId)
            await Task.Delay(25, guard.Token);
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
        // Supervisor and crisis last: a test overlays the deployment's first keys (coordinator, intake, a clinic) on these.
        (string Key, string Role)[] keys = [(CoordinatorKey, "coordinator"), (IntakeKey, "intake"), .. ClinicIds.Select(id => (ClinicKey(id), $"clinic:{id}")), (SupervisorKey, "supervisor"), (CrisisKey, "crisis")];
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
