using System.Text.Json.Nodes;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Tests.Api;

/// <summary>The same API twice over one data directory: <c>iptriage serve</c>'s host on real Kestrel
/// (<see cref="ApiHost"/>, with its keys), and the Functions app's HTTP functions composed by
/// <see cref="FunctionsServices.AddIptTriageFunctions"/> from the same configuration, both reading and writing the local
/// host's SQLite record store (in the PostgreSQL store's place), with the local host's Durable Task client (the embedded engine's, a Microsoft
/// <see cref="DurableTaskClient"/>) where the functions bind <c>[DurableClient]</c>. So the two answer the same request
/// in the same state, and the Functions side drives the real workflow.</summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    private readonly ApiHost local;
    private readonly ServiceProvider functionsServices;
    private readonly HttpClient http;

    private TwoHosts(ApiHost local)
    {
        this.local = local;
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(local.Services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection([UnusedPostgres.Setting])
            .Build();
        functionsServices = new ServiceCollection().AddLogging()
            .AddIptTriageFunctions(configuration)
            .AddSingleton(local.Services.GetRequiredService<IRecordStore>())
            .BuildServiceProvider();
        http = local.Client(key: null);
        Functions = new FunctionsHttpHost(functionsServices, local.Services.GetRequiredService<DurableTaskClient>());
    }

    public FunctionsHttpHost Functions { get; }

    /// <summary>The record store both hosts read and write.</summary>
    public IRecordStore Records => local.Services.GetRequiredService<IRecordStore>();

    /// <summary>The Functions app requires a configured audit hash key; the local host then uses it too.</summary>
    /// <param name="settings">More configuration, for both hosts.</param>
    public static async Task<TwoHosts> StartAsync(Dictionary<string, string?>? settings = null) =>
        new(await ApiHost.StartAsync(new(settings ?? []) { ["IptTriage:AuditHashKey"] = Convert.ToBase64String(new byte[32]) }));

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
            var answer = await Functions.SendAsync(ApiRequest.Get($"/api/referrals/{referralId}", ApiHost.CoordinatorKey));
            answer.Status.Should().Be(200, answer.Body);
            if (answer.Json!["status"]!.GetValue<string>() == status) return answer.Json;
            await Task.Delay(25, guard.Token);
        }
    }

    public static string Sample(string name) => Samples.Read(name).ToJsonString();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await functionsServices.DisposeAsync();
        await local.DisposeAsync();
    }
}
