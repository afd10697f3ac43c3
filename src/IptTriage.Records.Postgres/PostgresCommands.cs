using Npgsql;

namespace IptTriage.Records.Postgres;

/// <summary>The few shapes of command the store runs, so each query reads as its SQL.</summary>
internal static class PostgresCommands
{
    /// <summary>A parameter typed from <typeparamref name="T"/>, so that a null still tells the server its type.</summary>
    public static NpgsqlParameter Arg<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    /// <summary>timestamptz takes only UTC offsets; the instant is what is stored.</summary>
    public static NpgsqlParameter Arg(string name, DateTimeOffset value) => Arg<DateTimeOffset>(name, value.ToUniversalTime());

    public static NpgsqlParameter Arg(string name, DateTimeOffset? value) => Arg<DateTimeOffset?>(name, value?.ToUniversalTime());

    public static NpgsqlCommand Command(this NpgsqlDataSource dataSource, string sql, params NpgsqlParameter[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    public static T Get<T>(this NpgsqlDataReader reader, string column) => reader.GetFieldValue<T>(reader.GetOrdinal(column));

    public static T? GetOrNull<T>(this NpgsqlDataReader reader, string column) where T : class =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.Get<T>(column);

    public static DateTimeOffset? GetTimeOrNull(this NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.Get<DateTimeOffset>(column);

    public static int? GetInt32OrNull(this NpgsqlDataReader reader, string column) =>
        reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.Get<int>(column);
}
