using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Tests;

public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("iptriage-records-").FullName;

    private string DatabasePath => Path.Combine(directory, "nested", "records.db");

    protected override async Task<IRecordStore> OpenAsync() => await SqliteRecordStore.OpenAsync(DatabasePath);

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
        (await command.ExecuteScalarAsync()).Should().Be(1L);
    }

    [Theory]
    [InlineData("UPDATE audit SET detail = 'changed'")]
    [InlineData("DELETE FROM audit")]
    public async Task The_database_itself_refuses_to_change_audit_entries(string sql)
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(new AuditEntry("R-1", T0, "screened", Actors.System, [], "outcome routed"));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var tamper = () => command.ExecuteNonQueryAsync();

        await tamper.Should().ThrowAsync<SqliteException>().WithMessage("*append-only*");
        (await store.ReadAuditAsync("R-1")).Single().Detail.Should().Be("outcome routed");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
