using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Tests;

public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("iptriage-records-").FullName;

    private string DatabasePath => Path.Combine(directory, "nested", "records.db");

    protected override async Task<IRecordStore> OpenAsync() => await SqliteRecordStore.OpenAsync(DatabasePath);

    protected override async Task CreateBeforeCaseWorkAsync(string referralId, byte[] form)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var old = new SqliteConnection($"Data Source={DatabasePath}");
        await old.OpenAsync();
        await using var create = old.CreateCommand();
        create.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
            + string.Concat(Migrations.All.Where(m => m.Version < 6).Select(m => $"{m.Sql}; INSERT INTO schema_migrations VALUES ({m.Version}, '2026-01-01T00:00:00.0000000Z');"))
            + "INSERT INTO referrals (referral_id, status, received_at, updated_at, form) VALUES ($id, 'received', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', $form);";
        create.Parameters.AddWithValue("$id", referralId);
        create.Parameters.AddWithValue("$form", form);
        await create.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Records_survive_reopening_and_migrations_run_once()
    {
        var first = await OpenAsync();
        await first.AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()));

        var reopened = await OpenAsync();

        (await reopened.FindAsync("R-1")).Should().NotBeNull();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        (await command.ExecuteScalarAsync()).Should().Be((long)Migrations.All.Count);
    }

    [Fact]
    public async Task Audit_rows_written_before_the_trail_was_coded_get_their_facts_as_columns()
    {
        // A database as the previous release left it: schema v1 only, with the rows its activities and API wrote.
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var old = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
                {Migrations.All.Single(m => m.Version == 1).Sql}
                INSERT INTO schema_migrations VALUES (1, '2026-01-01T00:00:00.0000000Z');
                {LegacyAuditRows.Insert(rules => $"'{string.Join(' ', rules)}'")}
                """;
            await create.ExecuteNonQueryAsync();
        }

        var store = await OpenAsync();

        LegacyAuditRows.ShouldHaveTheirFactsCoded(await store.ReadAuditAsync("R-1"));
        await store.AppendAuditAsync(new AuditEntry("R-1", T0, AuditStep.Unplaced, Actors.System, []));
        (await store.ReadAuditAsync("R-1")).Should().HaveCount(LegacyAuditRows.Count + 1).And.Subject.Last().Step.Should().Be(AuditStep.Unplaced);
        var tamper = async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM audit";
            await command.ExecuteNonQueryAsync();
        };
        await tamper.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*", "the rebuilt table is append-only too");
    }

    [Theory]
    [InlineData("UPDATE audit SET detail = 'changed'")]
    [InlineData("DELETE FROM audit")]
    public async Task The_database_itself_refuses_to_change_audit_entries(string sql)
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(new AuditEntry("R-1", T0, AuditStep.Screened, Actors.System, [], "outcome routed"));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var tamper = () => command.ExecuteNonQueryAsync();

        await tamper.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");
        (await store.ReadAuditAsync("R-1")).Single().Detail.Should().Be("outcome routed");
    }

    [Theory]
    [InlineData("UPDATE clinic_audit SET capacity_to = 99")]
    [InlineData("DELETE FROM clinic_audit")]
    public async Task The_database_itself_refuses_to_change_clinic_audit_entries(string sql)
    {
        var store = await OpenAsync();
        await store.SetCapacityAsync(new CapacityEdit("clinic-a", 2, 4, Actors.User("c-1"), null, T0));

        var tamper = () => ExecuteBehindTheStoreAsync(sql);

        await tamper.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");
        (await store.ReadClinicAuditAsync("clinic-a")).Single().CapacityTo.Should().Be(4);
    }

    private async Task ExecuteBehindTheStoreAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task MarkSentBehindTheStoreAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE notifications SET state = 'sent' WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
