using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.Workflow.Tests.Activities;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using P = Microsoft.DurableTask.Protobuf;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>The embedded engine as the hosts wire it (Microsoft's worker and client builders with <c>UseSqlite</c>), on a
/// SQLite file of its own and a clock the test moves: its durable timers fire only when the test advances the clock.</summary>
internal sealed class EmbeddedTestHost : DurableTestHost
{
    private readonly string directory;
    private readonly ServiceProvider services;

    private EmbeddedTestHost(string directory, ServiceProvider services)
    {
        this.directory = directory;
        this.services = services;
    }

    public override DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    public override IServiceProvider Services => services;

    public override TimeProvider Clock => FakeClock;

    private FakeTimeProvider FakeClock => (FakeTimeProvider)services.GetRequiredService<TimeProvider>();

    private string DatabasePath => Path.Combine(directory, "durable.db");

    public static async Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection> configure, ILoggerProvider? logs)
    {
        var directory = Directory.CreateTempSubdirectory("iptriage-durable-").FullName;
        var collection = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null) logging.AddProvider(logs);
            })
            // Registered before UseSqlite, so the engine's timers follow it too.
            .AddSingleton<TimeProvider>(new FakeTimeProvider(ActivityHarness.Now));
        configure(collection);
        collection.AddDurableTaskWorker(builder => builder.AddTasks(tasks).UseSqlite(options => options.DatabasePath = Path.Combine(directory, "durable.db")));
        collection.AddDurableTaskClient(builder => builder.UseSqlite());
        var provider = collection.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return new EmbeddedTestHost(directory, provider);
    }

    /// <summary>Moves the clock from durable timer to durable timer (the engine's queued messages), and only while
    /// the engine is idle: no message due and no activity running, since either may still arm an earlier timer.</summary>
    public override async Task AdvanceToAsync(DateTimeOffset due)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (FakeClock.GetUtcNow() < due)
        {
            var now = FakeClock.GetUtcNow();
            await using var connection = await OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM activities), (SELECT MIN(visible_at) FROM messages)";
            await using var reader = await command.ExecuteReaderAsync(guard.Token);
            await reader.ReadAsync(guard.Token);
            var running = reader.GetInt64(0);
            DateTimeOffset? next = reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            if (running == 0 && next > now) FakeClock.Advance((next < due ? next.Value : due) - now);
            else await Task.Delay(10, guard.Token);
        }
    }

    public override async Task<IReadOnlyList<P.HistoryEvent>> HistoryAsync(string instanceId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event FROM history WHERE instance_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", instanceId);
        var history = new List<P.HistoryEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) history.Add(P.HistoryEvent.Parser.ParseFrom((byte[])reader.GetValue(0)));
        return history;
    }

    /// <summary>Every value in every table, protobuf BLOBs decoded by the message type their column holds; a BLOB in any
    /// other column fails the dump rather than being skipped, so a schema change cannot hide data from the scan.</summary>
    public override async Task<string> StoredTextAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var text = new StoredStrings();
        foreach (var table in tables)
        {
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var column = 0; column < reader.FieldCount; column++)
                    text.Add(reader.GetValue(column) is byte[] blob ? Decode(table, reader.GetName(column), blob) : reader.GetValue(column));
        }
        return text.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static Google.Protobuf.IMessage Decode(string table, string column, byte[] blob) => (table, column) switch
    {
        ("history" or "messages", "event") => P.HistoryEvent.Parser.ParseFrom(blob),
        ("instances", "failure") => P.TaskFailureDetails.Parser.ParseFrom(blob),
        _ => throw new InvalidDataException($"The durable store's {table}.{column} holds a BLOB this dump cannot decode."),
    };

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        return connection;
    }
}
