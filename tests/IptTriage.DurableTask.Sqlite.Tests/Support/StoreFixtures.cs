using IptTriage.DurableTask.Sqlite.Storage;
using IptTriage.DurableTask.Sqlite.Storage.Sqlite;

namespace IptTriage.DurableTask.Sqlite.Tests.Support;

/// <summary>Opens a store over the same data each time, so a second engine sees what the first committed (a restart).</summary>
public interface IStoreSource : IDisposable
{
    IOrchestrationStore Open();
}

/// <summary>A real SQLite file in a fresh temporary directory, deleted afterwards.</summary>
public sealed class SqliteStoreSource : IStoreSource
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ipt-durable-");

    public string DatabasePath => Path.Combine(_directory.FullName, "durable.db");

    public IOrchestrationStore Open() => new SqliteOrchestrationStore(new SqliteStoreOptions(DatabasePath));

    public void Dispose() => _directory.Delete(recursive: true);
}
