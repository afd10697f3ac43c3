namespace IptTriage.DurableTask.Sqlite.Storage.Sqlite;

/// <summary>How hard each commit is pushed to disk (SQLite's synchronous setting; the journal is always WAL).</summary>
public enum SqliteDurability
{
    /// <summary>synchronous=NORMAL: commits survive a process crash; the last commits may be lost on power failure or an OS crash.</summary>
    Normal,

    /// <summary>synchronous=FULL: every commit is on disk before it is acknowledged; survives power failure; slower.</summary>
    Full,
}

public sealed record SqliteStoreOptions(string DatabasePath)
{
    public SqliteDurability Durability { get; init; } = SqliteDurability.Normal;

    /// <summary>Most writes grouped into one transaction by the single writer.</summary>
    public int MaxWritesPerTransaction { get; init; } = 512;
}
