using IptTriage.Durable.Core.History;

namespace IptTriage.Durable.Storage.InMemory;

/// <summary>
/// A store in process memory with the same semantics as the SQLite store, for tests. It outlives an engine, so a
/// new engine over the same store behaves like a restart.
/// </summary>
public sealed class InMemoryOrchestrationStore : IOrchestrationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = [];
    private readonly Dictionary<string, List<HistoryEvent>> _histories = [];
    private readonly SortedDictionary<long, QueuedMessage> _messages = [];
    private readonly SortedDictionary<long, ActivityWorkItem> _activities = [];
    private bool _open;

    public Task<PendingWork> OpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _open = true;
            var maxId = Math.Max(_messages.Keys.DefaultIfEmpty().Max(), _activities.Keys.DefaultIfEmpty().Max());
            return Task.FromResult(new PendingWork([.. _messages.Values], [.. _activities.Values], maxId));
        }
    }

    public Task<bool> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            try
            {
                ObjectDisposedException.ThrowIf(!_open, this);
                return Task.FromResult(Apply(write));
            }
            catch (Exception e)
            {
                return Task.FromException<bool>(e);
            }
        }
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance) ? WithPayloads(instance, includePayloads) : null);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _histories.TryGetValue(instanceId, out var events) ? [.. events] : [];
            return Task.FromResult(history);
        }
    }

    public Task<InstancePage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var after = InstanceCursor.Parse(query.ContinuationToken);
        var statuses = query.Statuses?.ToHashSet();
        lock (_gate)
        {
            var page = _instances.Values
                .Where(i => statuses is null || statuses.Contains(i.Status))
                .Where(i => query.CreatedFrom is null || i.CreatedAt >= query.CreatedFrom.Value.UtcDateTime)
                .Where(i => query.CreatedTo is null || i.CreatedAt <= query.CreatedTo.Value.UtcDateTime)
                .Where(i => query.InstanceIdPrefix is null || i.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(i => after is not { } cursor || i.CreatedAt.Ticks > cursor.CreatedTicks
                    || (i.CreatedAt.Ticks == cursor.CreatedTicks && string.CompareOrdinal(i.InstanceId, cursor.InstanceId) > 0))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize)
                .Select(i => WithPayloads(i, query.FetchInputsAndOutputs))
                .ToList();
            return Task.FromResult(new InstancePage(page, page.Count == query.PageSize ? InstanceCursor.From(page[^1]) : null));
        }
    }

    /// <summary>Closes the store to writes, as a stopped process would; the data stays for the next <see cref="OpenAsync"/>.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _open = false;
        }

        return ValueTask.CompletedTask;
    }

    private bool Apply(StoreWrite write) => write switch
    {
        CreateInstanceWrite create => Create(create),
        EnqueueMessageWrite enqueue => Enqueue(enqueue.Message),
        EpisodeWrite episode => CommitEpisode(episode),
        ActivityResultWrite result => _activities.Remove(result.ActivityId) && _messages.TryAdd(result.Result.Id, result.Result),
        PurgeInstanceWrite purge => Purge(purge.InstanceId),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name, "Unknown store write."),
    };

    private bool Create(CreateInstanceWrite create)
    {
        if (!_instances.TryAdd(create.Instance.InstanceId, create.Instance))
        {
            return false;
        }

        _histories[create.Instance.InstanceId] = [];
        _messages.Add(create.StartMessage.Id, create.StartMessage);
        return true;
    }

    private bool Enqueue(QueuedMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var instance) || instance.Status.IsTerminal())
        {
            return false;
        }

        _messages.Add(message.Id, message);
        return true;
    }

    private bool CommitEpisode(EpisodeWrite episode)
    {
        if (episode.Update is { } update)
        {
            var history = _histories[episode.InstanceId];
            if (history.Count != episode.FirstSequence)
            {
                throw new InvalidOperationException(
                    $"History of '{episode.InstanceId}' has {history.Count} events; the episode expected {episode.FirstSequence}.");
            }

            history.AddRange(episode.NewHistory);
            _instances[episode.InstanceId] = _instances[episode.InstanceId] with
            {
                Status = update.Status,
                LastUpdatedAt = update.LastUpdatedAt,
                Output = update.Output,
                CustomStatus = update.CustomStatus,
                Failure = update.Failure,
            };
        }

        foreach (var id in episode.ConsumedMessageIds)
        {
            _messages.Remove(id);
        }

        foreach (var message in episode.NewMessages)
        {
            _messages.Add(message.Id, message);
        }

        foreach (var activity in episode.NewActivities)
        {
            _activities.Add(activity.Id, activity);
        }

        return true;
    }

    private bool Purge(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var instance) || !instance.Status.IsTerminal())
        {
            return false;
        }

        _instances.Remove(instanceId);
        _histories.Remove(instanceId);
        foreach (var message in _messages.Values.Where(m => m.InstanceId == instanceId).ToList())
        {
            _messages.Remove(message.Id);
        }

        return true;
    }

    private static InstanceRecord WithPayloads(InstanceRecord instance, bool includePayloads) =>
        includePayloads ? instance : instance with { Input = null, Output = null, CustomStatus = null };
}
