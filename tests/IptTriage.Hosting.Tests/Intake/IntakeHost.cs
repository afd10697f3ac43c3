using Microsoft.DurableTask.Client;
using IptTriage.Hosting.Intake;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Hosting.Tests.Intake;

/// <summary>The whole local installation (<c>AddIptTriage</c>) on a temporary data directory, with the intake sources
/// the settings switch on.</summary>
public sealed class IntakeHost : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    private readonly IHost host;

    private IntakeHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public IRecordStore Records => host.Services.GetRequiredService<IRecordStore>();

    public ReferralIntake Intake => host.Services.GetRequiredService<ReferralIntake>();

    public static async Task<IntakeHost> StartAsync(
        string dataDirectory, Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings)
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddIptTriage(configuration).AddIntakeSources(configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new IntakeHost(host);
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "intake", name));

    public async Task<int> OrchestrationCountAsync() =>
        await host.Services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(new OrchestrationQuery()).CountAsync();

    public async Task<ReferralRecord> WaitForStatusAsync(string referralId, ReferralStatus status) =>
        (await WaitUntilAsync(async () => await Records.FindAsync(referralId) is { } record && record.Status == status ? record : null))!;

    /// <summary>Polls until <paramref name="probe"/> answers something; fails the test rather than hang.</summary>
    public static async Task<T> WaitUntilAsync<T>(Func<Task<T?>> probe)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(25, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
