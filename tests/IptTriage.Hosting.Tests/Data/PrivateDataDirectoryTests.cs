using IptTriage.Hosting.Data;
using IptTriage.Testing;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Data;

/// <summary>The data directory holds whole forms, history, keys and emails: only the account running iptriage may
/// read it, whatever the umask, and only one process may run the workflow on it.</summary>
public sealed class PrivateDataDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const UnixFileMode Loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string parent = Directory.CreateTempSubdirectory("iptriage-private-").FullName;
    private readonly CapturedLogs logs = new();

    private string DataDirectory => Path.Combine(parent, "data");

    [Fact]
    public async Task A_new_data_directory_and_everything_the_workflow_writes_in_it_are_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        ProcessUmaskLetsOthersRead().Should().BeTrue("otherwise this test could not tell owner-only modes from the umask's");
        using var host = BuildHost();
        await host.StartAsync();

        await TakeASampleToAClinicOfferAsync(host);

        // While the engine runs: the databases' -wal and -shm files exist, and every email is in the outbox.
        var files = Directory.GetFiles(DataDirectory, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(DataDirectory, file)).ToList();
        files.Should().Contain(["records.db", "records.db-wal", "records.db-shm", "durable.db", "durable.db-wal", "durable.db-shm", "audit-hash.key"]);
        files.Should().Contain(file => file.StartsWith("outbox", StringComparison.Ordinal) && file.EndsWith(".eml", StringComparison.Ordinal));
        foreach (var file in files) ModeIfStillThere(Path.Combine(DataDirectory, file))?.Should().Be(OwnerOnlyFile, file);
        File.GetUnixFileMode(DataDirectory).Should().Be(OwnerOnlyDirectory);
        File.GetUnixFileMode(Path.Combine(DataDirectory, "outbox")).Should().Be(OwnerOnlyDirectory);
        logs.Lines.Should().NotContain(line => line.Contains("open to other users", StringComparison.Ordinal));
        await host.StopAsync();
    }

    /// <summary>SQLite deletes a -shm or -wal file when its last connection closes, which may happen between listing
    /// and checking; a file that is gone exposes nothing.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode? ModeIfStillThere(string path)
    {
        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    [Fact]
    public async Task An_existing_directory_open_to_others_is_tightened_with_a_warning_naming_what_changed()
    {
        if (OperatingSystem.IsWindows()) return;
        Directory.CreateDirectory(Path.Combine(DataDirectory, "outbox"));
        File.WriteAllText(Path.Combine(DataDirectory, "audit-hash.key"), Convert.ToBase64String(new byte[32]));
        File.WriteAllText(Path.Combine(DataDirectory, "outbox", "earlier.eml"), "Subject: kept");
        foreach (var path in new[] { "audit-hash.key", Path.Combine("outbox", "earlier.eml") }) File.SetUnixFileMode(Path.Combine(DataDirectory, path), Loose);
        foreach (var path in new[] { DataDirectory, Path.Combine(DataDirectory, "outbox") }) File.SetUnixFileMode(path, Loose | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        using var host = BuildHost();

        await host.StartAsync();

        File.GetUnixFileMode(DataDirectory).Should().Be(OwnerOnlyDirectory);
        File.GetUnixFileMode(Path.Combine(DataDirectory, "outbox")).Should().Be(OwnerOnlyDirectory);
        File.GetUnixFileMode(Path.Combine(DataDirectory, "audit-hash.key")).Should().Be(OwnerOnlyFile);
        File.GetUnixFileMode(Path.Combine(DataDirectory, "outbox", "earlier.eml")).Should().Be(OwnerOnlyFile);
        logs.Lines.Should().ContainSingle(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("open to other users", StringComparison.Ordinal))
            .Which.Should().Contain(DataDirectory).And.Contain("4 item(s)").And.Contain("audit-hash.key");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_second_host_on_a_directory_another_holds_stops_before_starting_anything_and_says_so()
    {
        var first = BuildHost();
        await first.StartAsync();
        using var second = BuildHost();

        var start = () => second.StartAsync();

        (await start.Should().ThrowAsync<DataDirectoryInUseException>())
            .Which.Message.Should().Be($"The data directory '{DataDirectory}' is in use by another iptriage process (a running 'iptriage serve' "
                + "or 'iptriage run'); stop that process first, or use another data directory.");
        await first.StopAsync();
        first.Dispose();
        using var afterwards = BuildHost();
        await afterwards.StartAsync();
        await afterwards.StopAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(parent, recursive: true);
    }

    private IHost BuildHost()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = DataDirectory })
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddIptTriage(configuration);
        return builder.Build();
    }

    private static async Task TakeASampleToAClinicOfferAsync(IHost host)
    {
        var form = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));
        var receipt = await host.Services.GetRequiredService<ReferralIntake>().SubmitAsync(form, "sample");
        var records = host.Services.GetRequiredService<IRecordStore>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await records.FindAsync(receipt.ReferralId, guard.Token))?.Status != ReferralStatus.AwaitingClinic) await Task.Delay(20, guard.Token);
    }

    /// <summary>Whether a file created the ordinary way here is readable by others, as with the usual umask 022.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private bool ProcessUmaskLetsOthersRead()
    {
        var probe = Path.Combine(parent, "probe");
        File.WriteAllText(probe, "");
        return File.GetUnixFileMode(probe).HasFlag(UnixFileMode.OtherRead);
    }
}
