using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IptTriage.DurableTask.Sqlite.Storage.Sqlite;

/// <summary>
/// The store in one SQLite file (WAL journal). One engine process owns the file at a time (an exclusive lock on
/// "&lt;file&gt;.lock"); all writes go through a single writer connection, reads use pooled connections.
/// </summary>
public sealed class SqliteOrchestrationStore(SqliteStoreOptions options) : IOrchestrationStore
{
    private const string InstanceColumns =
        "instance_id, name, status, created_at, last_updated_at, input, output, custom_status, failure";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.DatabasePath),
        Pooling = true,
    }.ToString();

    private FileStream? _ownership;
    private SqliteConnection? _writerConnection;
    private SqliteWriter? _writer;

    public async Task<PendingWork> OpenAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            throw new InvalidOperationException("The store is already open.");
        }

        _ownership = TakeOwnership(Path.GetFullPath(options.DatabasePath));
        _writerConnection = new SqliteConnection(_connectionString);
        await _writerConnection.OpenAsync(cancellationToken);
        var synchronous = options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        Execute(_writerConnection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
        RefuseEarlierSchema(_writerConnection);
        Execute(_writerConnection, SqliteSchema.Create + $"PRAGMA user_version={SqliteSchema.Version};");
        _writer = new SqliteWriter(_writerConnection, options.MaxWritesPerTransaction);
        return ReadPendingWork(_writerConnection);
    }

    public Task<bool> WriteAsync(StoreWrite write, CancellationToken cancellationToken) =>
        (_writer ?? throw new InvalidOperationException("Open the store before writing.")).WriteAsync(write);

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {InstanceColumns} FROM instances WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadInstance(reader, includePayloads) : null;
    }

    public async Task<IReadOnlyList<P.HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event FROM history WHERE instance_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<P.HistoryEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(P.HistoryEvent.Parser.ParseFrom((byte[])reader[0]));
        }

        return history;
    }

    public async Task<InstancePage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (query.Statuses?.ToList() is { } statuses)
        {
            conditions.Add($"status IN ({string.Join(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)).DefaultIfEmpty("-1"))})");
        }

        AddCondition(query.CreatedFrom?.UtcDateTime.Ticks, "created_at >= $from", "$from");
        AddCondition(query.CreatedTo?.UtcDateTime.Ticks, "created_at <= $to", "$to");
        AddCondition(query.InstanceIdPrefix, "substr(instance_id, 1, length($prefix)) = $prefix", "$prefix");
        if (InstanceCursor.Parse(query.ContinuationToken) is { } after)
        {
            conditions.Add("(created_at > $afterCreated OR (created_at = $afterCreated AND instance_id > $afterId))");
            command.Parameters.AddWithValue("$afterCreated", after.CreatedTicks);
            command.Parameters.AddWithValue("$afterId", after.InstanceId);
        }

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {InstanceColumns} FROM instances {where} ORDER BY created_at, instance_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<InstanceRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(ReadInstance(reader, query.FetchInputsAndOutputs));
        }

        return new InstancePage(page, page.Count == query.PageSize ? InstanceCursor.From(page[^1]) : null);

        void AddCondition(object? value, string condition, string name)
        {
            if (value is not null)
            {
                conditions.Add(condition);
                command.Parameters.AddWithValue(name, value);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_writerConnection is not null)
        {
            await _writerConnection.DisposeAsync();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        if (_ownership is not null)
        {
            await _ownership.DisposeAsync();
        }
    }

    private static FileStream TakeOwnership(string databasePath)
    {
        try
        {
            return new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The durable store '{databasePath}' is in use by another engine process; only one process may run it.", e);
        }
    }

    /// <summary>A file written by the engine's own executor (schema 1, JSON events) cannot be replayed by
    /// Microsoft's: refused with a plain sentence instead of failing every instance in it.</summary>
    private void RefuseEarlierSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version is not 0 and not SqliteSchema.Version)
        {
            throw new InvalidOperationException(
                $"The durable store '{options.DatabasePath}' has schema version {version}; this engine reads version {SqliteSchema.Version}. " +
                "Finish or discard its instances with the version that wrote it, or start with a new file.");
        }
    }

    private static PendingWork ReadPendingWork(SqliteConnection connection)
    {
        var messages = new List<QueuedMessage>();
        var activities = new List<ActivityWorkItem>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, instance_id, visible_at, event FROM messages ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                messages.Add(new QueuedMessage(reader.GetInt64(0), reader.GetString(1), Utc(reader.GetInt64(2)),
                    P.HistoryEvent.Parser.ParseFrom((byte[])reader[3])));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, instance_id, task_id, name, input FROM activities ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                activities.Add(new ActivityWorkItem(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var maxId = Math.Max(messages.Select(m => m.Id).DefaultIfEmpty().Max(), activities.Select(a => a.Id).DefaultIfEmpty().Max());
        return new PendingWork(messages, activities, maxId);
    }

    private static InstanceRecord ReadInstance(SqliteDataReader reader, bool includePayloads) => new(
        reader.GetString(0),
        reader.GetString(1),
        (OrchestrationRuntimeStatus)reader.GetInt32(2),
        Utc(reader.GetInt64(3)),
        Utc(reader.GetInt64(4)),
        includePayloads ? NullableString(reader, 5) : null,
        includePayloads ? NullableString(reader, 6) : null,
        includePayloads ? NullableString(reader, 7) : null,
        reader.IsDBNull(8) ? null : P.TaskFailureDetails.Parser.ParseFrom((byte[])reader[8]));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
