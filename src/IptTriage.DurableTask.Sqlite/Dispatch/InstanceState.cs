using IptTriage.DurableTask.Sqlite.Storage;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>The committed state of an instance that episodes replay from; cached between episodes.</summary>
internal sealed class InstanceState(InstanceRecord record, List<P.HistoryEvent> history)
{
    public OrchestrationRuntimeStatus Status { get; private set; } = record.Status;

    public string? CustomStatus { get; private set; } = record.CustomStatus;

    public List<P.HistoryEvent> History { get; } = history;

    /// <summary>This process ran the instance's last committed episode, so Microsoft's runner may still hold its
    /// executor (an extended session). False for state read back from the store, and state is dropped from the cache
    /// whenever an episode fails to commit, so the runner never resumes from events the store does not have.</summary>
    public bool SessionOpen { get; private set; }

    public P.ExecutionStartedEvent? Started { get; private set; } = history.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;

    public void Committed(EpisodeWrite episode)
    {
        History.AddRange(episode.NewHistory);
        Started ??= episode.NewHistory.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;
        Status = episode.Update!.Status;
        SessionOpen = true;
        CustomStatus = episode.Update.CustomStatus;
    }
}
