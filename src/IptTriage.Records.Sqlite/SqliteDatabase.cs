using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>Opens connections to one SQLite file in WAL mode and brings its schema up to date.</summary>
internal sealed class SqliteDatabase(string path)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // With WAL, NORMAL survives a process crash (a commit is in the log before it returns) and skips the fsync
        // per commit that FULL makes; only a power loss can drop the last commits. The durable engine does the same.
        await ExecuteAsync(connection, null, "PRAGMA synchronous = NORMAL", cancellationToken);
        return connection;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken);
        foreach (var (version, sql) in Migrations.All)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var applied = connection.CreateCommand();
            applied.Transaction = transaction;
            applied.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $v";
            applied.Parameters.AddWithValue("$v", version);
            if (Convert.ToInt64(await applied.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0) continue;

            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            if (Migrations.Backfills.TryGetValue(version, out var backfill)) await backfill(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO schema_migrations (version, applied_at) VALUES ({version}, '{DateTimeOffset.UtcNow:O}')", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
