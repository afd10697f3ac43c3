using IptTriage.DurableTask.Sqlite.Storage.Sqlite;

namespace IptTriage.DurableTask.Sqlite.Hosting;

/// <summary>Settings of the embedded engine (<c>UseSqlite(o =&gt; ...)</c> on the worker and client builders).</summary>
public sealed class DurableEngineOptions
{
    /// <summary>The SQLite file holding all instances.</summary>
    public string DatabasePath { get; set; } = "durable.db";

    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>Orchestrator episodes executed at the same time.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>Activities executed at the same time (activities usually wait on I/O, so more than the orchestration workers).</summary>
    public int ActivityWorkerCount { get; set; } = Environment.ProcessorCount * 4;

    /// <summary>Running instances whose history stays in memory between episodes; others are re-read from the store.</summary>
    public int MaxCachedInstances { get; set; } = 100_000;

    /// <summary>Episodes and activity results committed but not yet acknowledged by the store; bounds memory under load.</summary>
    public int MaxPendingCommits { get; set; } = 2_000;

    /// <summary>How long Microsoft's runner keeps an idle instance's executor in memory between episodes (extended
    /// sessions, as in Durable Functions' host.json); an episode within it sends only new events. Zero replays every
    /// episode from the whole history.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before an episode whose commit failed is tried again.</summary>
    public TimeSpan CommitRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1, nameof(WorkerCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ActivityWorkerCount, 1, nameof(ActivityWorkerCount));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCachedInstances, nameof(MaxCachedInstances));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingCommits, 1, nameof(MaxPendingCommits));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExtendedSessionIdleTimeout, TimeSpan.Zero, nameof(ExtendedSessionIdleTimeout));
        ArgumentException.ThrowIfNullOrWhiteSpace(DatabasePath, nameof(DatabasePath));
    }
}
