using FluentAssertions;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace IptTriage.Hosting.Tests;

public sealed class CompositionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-host-").FullName;

    private IHost BuildHost(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddIptTriage(configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_local_installation_takes_a_referral_to_a_clinic_offer_with_every_email_in_the_outbox()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var form = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));

        var receipt = await host.Services.GetRequiredService<ReferralIntake>().SubmitAsync(form, "sample");

        var records = host.Services.GetRequiredService<IRecordStore>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await records.FindAsync(receipt.ReferralId, guard.Token))?.Status != ReferralStatus.AwaitingClinic) await Task.Delay(20, guard.Token);
        await host.StopAsync();

        Directory.GetFiles(Path.Combine(dataDirectory, "outbox"), "*.eml").Should().HaveCountGreaterThanOrEqualTo(2);
        File.Exists(Path.Combine(dataDirectory, "records.db")).Should().BeTrue();
        File.Exists(Path.Combine(dataDirectory, "durable.db")).Should().BeTrue();
    }

    [Fact]
    public void The_audit_hash_key_is_created_once_and_reused()
    {
        using (BuildHost()) { }
        var key = File.ReadAllText(Path.Combine(dataDirectory, "audit-hash.key"));

        using (BuildHost()) { }

        File.ReadAllText(Path.Combine(dataDirectory, "audit-hash.key")).Should().Be(key);
        Convert.FromBase64String(key).Should().HaveCount(32);
    }

    [Fact]
    public void A_missing_clinic_directory_stops_start_up_naming_the_file()
    {
        var build = () => BuildHost(new() { ["IptTriage:ClinicsPath"] = Path.Combine(dataDirectory, "nowhere.json") });

        build.Should().Throw<FileNotFoundException>().WithMessage("The clinic directory '*nowhere.json' does not exist.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
