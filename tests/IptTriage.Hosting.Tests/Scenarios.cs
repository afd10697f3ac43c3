using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Hosting.Tests;

internal static class Scenarios
{
    public static IHost BuildHost(string dataDirectory, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddIptTriage(configuration);
        return builder.Build();
    }

    /// <summary>Runs the host until a sample referral waits for a clinic's answer; returns its id.</summary>
    public static async Task<string> TakeASampleToAClinicOfferAsync(IHost host)
    {
        await host.StartAsync();
        var form = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));

        var receipt = await host.Services.GetRequiredService<ReferralIntake>().SubmitAsync(form, "sample");

        var records = host.Services.GetRequiredService<IRecordStore>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await records.FindAsync(receipt.ReferralId, guard.Token))?.Status != ReferralStatus.AwaitingClinic) await Task.Delay(20, guard.Token);
        await host.StopAsync();
        return receipt.ReferralId;
    }
}
