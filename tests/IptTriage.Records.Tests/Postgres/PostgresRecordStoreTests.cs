using IptTriage.Records.Postgres;
using IptTriage.Workflow.Records;
using Npgsql;

namespace IptTriage.Records.Tests.Postgres;

/// <summary>The record store contract against a real PostgreSQL server, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordStoreTests(PostgresFixture server) : RecordStoreContract, IAsyncLifetime
{
    private readonly List<PostgresRecordStore> stores = [];
    private string database = "";

    private string ConnectionString => server.ConnectionString(database);

    public async Task InitializeAsync() => database = await server.CreateDatabaseAsync();

    protected override async Task<IRecordStore> OpenAsync()
    {
        var store = await PostgresRecordStore.OpenAsync(ConnectionString);
        stores.Add(store);
        return store;
    }

    [Fact]
    public async Task Records_survive_reopening_and_migrations_run_once()
    {
        var first = await OpenAsync();
        await first.AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()));

        var reopened = await OpenAsync();

        (await reopened.FindAsync("R-1")).Should().NotBeNull();
        (await ScalarAsync("SELECT count(*) FROM schema_migrations")).Should().Be((long)Migrations.All.Count);
    }

    [Fact]
    public async Task Stores_starting_together_migrate_the_database_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(OpenAsync)));

        (await ScalarAsync("SELECT count(*) FROM schema_migrations")).Should().Be((long)Migrations.All.Count);
        (await opened[^1].AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()))).Should().Be(IntakeResult.Added);
    }

    [Fact]
    public async Task Audit_rows_written_before_the_trail_was_coded_get_their_facts_as_columns()
    {
        // A database as the previous release left it: schema v1 only, with the rows its activities and API wrote.
        await ScalarAsync($"""
            CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            {Migrations.All.Single(m => m.Version == 1).Sql}
            INSERT INTO schema_migrations (version) VALUES (1);
            {LegacyAuditRows.Insert(rules => $"ARRAY[{string.Join(", ", rules.Select(rule => $"'{rule}'"))}]::text[]")}
            """);

        var store = await OpenAsync();

        LegacyAuditRows.ShouldHaveTheirFactsCoded(await store.ReadAuditAsync("R-1"));
        var tamper = () => ScalarAsync("DELETE FROM audit");
        (await tamper.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Be("audit entries are append-only",
            "the trigger is back on after the migration's own update");
    }

    [Theory]
    [InlineData("UPDATE audit SET detail = 'changed'")]
    [InlineData("DELETE FROM audit")]
    [InlineData("TRUNCATE audit")]
    public async Task The_database_itself_refuses_to_change_audit_entries(string sql)
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(new AuditEntry("R-1", T0, AuditStep.Screened, Actors.System, [], "outcome routed"));

        var tamper = () => ScalarAsync(sql);

        (await tamper.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Be("audit entries are append-only");
        (await store.ReadAuditAsync("R-1")).Single().Detail.Should().Be("outcome routed");
    }

    [Theory]
    [InlineData("UPDATE clinic_audit SET capacity_to = 99")]
    [InlineData("DELETE FROM clinic_audit")]
    [InlineData("TRUNCATE clinic_audit")]
    public async Task The_database_itself_refuses_to_change_clinic_audit_entries(string sql)
    {
        var store = await OpenAsync();
        await store.SetCapacityAsync(new CapacityEdit("clinic-a", 2, 4, Actors.User("c-1"), null, T0));

        var tamper = () => ScalarAsync(sql);

        (await tamper.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Be("audit entries are append-only");
        (await store.ReadClinicAuditAsync("clinic-a")).Single().CapacityTo.Should().Be(4);
    }

    [Fact]
    public async Task Times_in_any_offset_are_stored_as_the_same_instant_and_read_back_in_utc()
    {
        var store = await OpenAsync();
        var arrived = new DateTimeOffset(2026, 11, 2, 5, 15, 0, TimeSpan.FromHours(-5));

        await store.AddAsync(new NewReferral("R-1", arrived, "{}"u8.ToArray()));

        var receivedAt = (await store.FindAsync("R-1"))!.ReceivedAt;
        receivedAt.Should().Be(arrived);
        receivedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_store_on_the_callers_data_source_leaves_it_open_for_the_caller()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var store = await PostgresRecordStore.OpenAsync(dataSource);
        await store.AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()));

        await store.DisposeAsync();

        await using var command = dataSource.CreateCommand("SELECT count(*) FROM referrals");
        (await command.ExecuteScalarAsync()).Should().Be(1L);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in stores) await store.DisposeAsync();
        await server.DropDatabaseAsync(database);
    }

    protected override async Task CreateBeforeCaseWorkAsync(string referralId, byte[] form)
    {
        await ScalarAsync("CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
            + string.Concat(Migrations.All.Where(m => m.Version < 6).Select(m => $"{m.Sql}; INSERT INTO schema_migrations (version) VALUES ({m.Version});")));
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO referrals (referral_id, status, received_at, updated_at, form) VALUES (@id, 'received', now(), now(), @form)", connection);
        command.Parameters.AddWithValue("id", referralId);
        command.Parameters.AddWithValue("form", form);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task MarkSentBehindTheStoreAsync(string key) =>
        ScalarAsync($"UPDATE notifications SET state = 'sent' WHERE key = '{key}'");

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
