namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>Work done since the engine started, counted as Durable Task counts work items.</summary>
public sealed class EngineCounters
{
    private long _orchestratorEpisodes;
    private long _activityExecutions;
    private long _instancesFinished;

    /// <summary>Orchestration work items: one per episode (a batch of messages for one instance).</summary>
    public long OrchestratorEpisodes => Interlocked.Read(ref _orchestratorEpisodes);

    public long ActivityExecutions => Interlocked.Read(ref _activityExecutions);

    public long WorkItems => OrchestratorEpisodes + ActivityExecutions;

    /// <summary>Instances that reached Completed, Failed or Terminated.</summary>
    public long InstancesFinished => Interlocked.Read(ref _instancesFinished);

    internal void EpisodeCommitted() => Interlocked.Increment(ref _orchestratorEpisodes);

    internal void InstanceFinished() => Interlocked.Increment(ref _instancesFinished);

    internal void ActivityCommitted() => Interlocked.Increment(ref _activityExecutions);
}
