using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Hosting.Tests;

public sealed class CompositionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-host-").FullName;

    private IHost BuildHost(Dictionary<string, string?>? settings = null) => Scenarios.BuildHost(dataDirectory, settings);

    [Fact]
    public async Task A_local_installation_takes_a_referral_to_a_clinic_offer_with_every_email_in_the_outbox()
    {
        using var host = BuildHost();

        await Scenarios.TakeASampleToAClinicOfferAsync(host);

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
