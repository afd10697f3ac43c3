using IptTriage.DurableTask.Sqlite.Storage;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>The committed state of an instance that episodes replay from; cached between episodes.</summary>
internal sealed class InstanceState(InstanceRecord record, List<P.HistoryEvent> history)
{
    public OrchestrationRuntimeStatus Status { get; private set; } = record.Status;

    public string? CustomStatus { get; private set; } = record.CustomStatus;

    public List<P.HistoryEvent> History { get; } = history;

    public P.ExecutionStartedEvent? Started { get; private set; } = history.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;

    public void Committed(EpisodeWrite episode)
    {
        History.AddRange(episode.NewHistory);
        Started ??= episode.NewHistory.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;
        Status = episode.Update!.Status;
        CustomStatus = episode.Update.CustomStatus;
    }
}
