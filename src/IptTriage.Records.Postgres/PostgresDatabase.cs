using Npgsql;
using static IptTriage.Records.Postgres.PostgresCommands;

namespace IptTriage.Records.Postgres;

/// <summary>Brings a database's schema up to date, once, even when several processes start together.</summary>
internal static class PostgresDatabase
{
    /// <summary>A session advisory lock key of this application's own ("IPTTRIAG"): migrators queue on it, so two
    /// processes starting together never run the same script twice or race on creating a table.</summary>
    private const long MigrationLock = 0x4950_5454_5249_4147;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, Arg("key", MigrationLock));
        try
        {
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            foreach (var (version, sql) in Migrations.All)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var applied = connection.Command("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", Arg("version", version));
                if ((bool)(await applied.ExecuteScalarAsync(cancellationToken))!) continue;

                await ExecuteAsync(connection, sql, cancellationToken);
                if (Migrations.Backfills.TryGetValue(version, out var backfill)) await backfill(connection, cancellationToken);
                await ExecuteAsync(connection, "INSERT INTO schema_migrations (version) VALUES (@version)", cancellationToken, Arg("version", version));
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, Arg("key", MigrationLock));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
