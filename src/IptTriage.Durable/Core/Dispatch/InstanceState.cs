using IptTriage.Durable.Core.History;
using IptTriage.Durable.Storage;

namespace IptTriage.Durable.Core.Dispatch;

/// <summary>The committed state of an instance that episodes replay from; cached between episodes.</summary>
internal sealed class InstanceState(InstanceRecord record, List<HistoryEvent> history)
{
    public string Name { get; } = record.Name;

    public OrchestrationRuntimeStatus Status { get; private set; } = record.Status;

    public string? CustomStatus { get; private set; } = record.CustomStatus;

    public List<HistoryEvent> History { get; } = history;

    public ExecutionStartedEvent? Started { get; private set; } = history.OfType<ExecutionStartedEvent>().FirstOrDefault();

    public void Committed(EpisodeWrite episode)
    {
        History.AddRange(episode.NewHistory);
        Started ??= episode.NewHistory.OfType<ExecutionStartedEvent>().FirstOrDefault();
        Status = episode.Update!.Status;
        CustomStatus = episode.Update.CustomStatus;
    }
}
