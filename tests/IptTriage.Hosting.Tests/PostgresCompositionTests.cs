using IptTriage.Composition;
using IptTriage.Records.Postgres;
using IptTriage.Records.Tests.Postgres;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCompositionTests(PostgresFixture server) : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-host-").FullName;
    private string database = "";

    public async Task InitializeAsync() => database = await server.CreateDatabaseAsync();

    [Fact]
    public async Task With_a_postgres_connection_string_the_records_go_to_postgres()
    {
        var connectionString = server.ConnectionString(database);
        using var host = Scenarios.BuildHost(dataDirectory, new() { [RecordStores.PostgresConnectionStringSetting] = connectionString });

        var referralId = await Scenarios.TakeASampleToAClinicOfferAsync(host);

        host.Services.GetRequiredService<IRecordStore>().Should().BeOfType<PostgresRecordStore>();
        await using var another = await PostgresRecordStore.OpenAsync(connectionString);
        (await another.FindAsync(referralId))!.Status.Should().Be(ReferralStatus.AwaitingClinic);
        (await another.ReadAuditAsync(referralId)).Should().NotBeEmpty();
        File.Exists(Path.Combine(dataDirectory, "records.db")).Should().BeFalse();
    }

    public async Task DisposeAsync()
    {
        await server.DropDatabaseAsync(database);
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
