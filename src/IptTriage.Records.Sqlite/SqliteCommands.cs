using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>The few shapes of command the store runs, so each query reads as its SQL.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Create(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static async Task<int> ExecuteAsync(this SqliteDatabase database, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(this SqliteDatabase database, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> in <paramref name="transaction"/>.</summary>
    public static async Task ExecuteAsync(this SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Create(transaction.Connection!, sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The one integer <paramref name="sql"/> selects, in <paramref name="transaction"/>.</summary>
    public static async Task<int> CountAsync(this SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Create(transaction.Connection!, sql, parameters);
        command.Transaction = transaction;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Times are stored as UTC round-trip text so that text order is time order.</summary>
    public static string ToDb(this DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string? ToDb(this DateTimeOffset? value) => value?.ToDb();

    public static DateTimeOffset GetTime(this SqliteDataReader reader, string column) =>
        DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal(column)), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetTime(column);

    public static string? GetStringOrNull(this SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    public static int? GetInt32OrNull(this SqliteDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt32(reader.GetOrdinal(column));
}
