using System.Text.Json.Nodes;
using FluentAssertions;
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
using Engine = IptTriage.Durable;

namespace IptTriage.Functions.Tests.Api;

/// <summary>The same API twice over one data directory: <c>iptriage serve</c>'s host on real Kestrel, and the
/// Functions app's HTTP functions composed by <see cref="FunctionsServices.AddIptTriageFunctions"/>, both reading
/// and writing the same SQLite records, with the Functions side's Durable client played by the local host's engine.
/// So the two answer the same request in the same state, and the Functions side drives the real workflow.</summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    public const string CoordinatorKey = "coordinator-key-for-tests";
    public const string IntakeKey = "intake-key-for-tests";

    private readonly WebApplication local;
    private readonly ServiceProvider functionsServices;
    private readonly HttpClient http;
    private readonly string dataDirectory;

    private TwoHosts(WebApplication local, ServiceProvider functionsServices, string dataDirectory)
    {
        this.local = local;
        this.functionsServices = functionsServices;
        this.dataDirectory = dataDirectory;
        var address = local.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        http = new HttpClient { BaseAddress = new Uri(address) };
        Functions = new FunctionsHttpHost(functionsServices, new EngineBackedClient(local.Services.GetRequiredService<Engine.DurableTaskClient>()));
    }

    public static IReadOnlyList<string> ClinicIds { get; } = LoadClinicIds();

    public FunctionsHttpHost Functions { get; }

    public static string ClinicKey(string clinicId) => $"clinic-key-for-tests-{clinicId}";

    public static async Task<TwoHosts> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iptriage-two-hosts-").FullName;
        var settings = Settings(dataDirectory);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var local = builder.BuildIptTriageApi();
        await local.StartAsync();

        var functions = new ServiceCollection().AddLogging()
            .AddIptTriageFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        return new TwoHosts(local, functions, dataDirectory);
    }

    public async Task<ApiAnswer> LocalAsync(ApiRequest request)
    {
        using var message = request.ToMessage();
        using var response = await http.SendAsync(message);
        return await ApiAnswer.FromAsync(response);
    }

    /// <summary>The coordinator's view, read through the Functions app, once the referral has reached <paramref name="status"/>.</summary>
    public async Task<JsonNode> WaitForStatusAsync(string referralId, string status)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var answer = await Functions.SendAsync(ApiRequest.Get($"/api/referrals/{referralId}", CoordinatorKey));
            answer.Status.Should().Be(200, answer.Body);
            if (answer.Json!["status"]!.GetValue<string>() == status) return answer.Json;
            await Task.Delay(25, guard.Token);
        }
    }

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "intake", name));

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await local.StopAsync();
        await local.DisposeAsync();
        await functionsServices.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static Dictionary<string, string?> Settings(string dataDirectory)
    {
        var settings = new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory };
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
