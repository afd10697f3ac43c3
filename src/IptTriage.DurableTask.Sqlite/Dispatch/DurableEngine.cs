using System.Collections.Concurrent;
using System.Threading.Channels;
using IptTriage.DurableTask.Sqlite.Execution;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.DurableTask.Sqlite.Storage;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;

namespace IptTriage.DurableTask.Sqlite.Dispatch;

/// <summary>
/// The host side of the Durable Task protocol on one machine: runs orchestrator episodes through Microsoft's executor
/// and activities through Microsoft's activity shim, from a store. Work is scheduled in memory from committed messages; every
/// step (an episode, an activity result) is one atomic store write, and nothing is scheduled before it commits.
/// After a restart the pending messages and unfinished activities are read back from the store.
/// </summary>
public sealed partial class DurableEngine : IAsyncDisposable
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskShimFactory _shims;
    private readonly DurableEngineOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly InstanceWorkQueue _queue;
    private readonly Channel<ActivityWorkItem> _activities = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly ConcurrentDictionary<string, InstanceState> _cache = new(StringComparer.Ordinal);
    private readonly InstanceWatchers _watchers = new();
    private readonly InFlightWork _inFlight;
    private IDurableTaskFactory _factory = null!; // set by StartAsync, before any work runs
    private EpisodePlanner _planner = null!;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private Task? _opened;
    private long _lastId;
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];

    public DurableEngine(
        IOrchestrationStore store,
        DurableTaskShimFactory shims,
        DurableEngineOptions options,
        IServiceProvider services,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        options.Validate();
        _store = store;
        _shims = shims;
        _options = options;
        _services = services;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<DurableEngine>();
        _queue = new InstanceWorkQueue(timeProvider);
        _inFlight = new InFlightWork(options.MaxPendingCommits);
    }

    public EngineCounters Counters { get; } = new();

    internal IOrchestrationStore Store => _store;

    internal InstanceWatchers Watchers => _watchers;

    internal DateTime UtcNow => _timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Starts the worker loops with the orchestrators and activities <paramref name="factory"/> creates
    /// (opening the store first if no client call has yet).</summary>
    public async Task StartAsync(IDurableTaskFactory factory, CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken);
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_stopping is not null)
            {
                throw new InvalidOperationException("The engine has already been started.");
            }

            _factory = factory;
            _planner = new EpisodePlanner(factory, _services, _options.ExtendedSessionIdleTimeout, NextId);
            _stopping = new CancellationTokenSource();
            var stop = _stopping.Token;
            _loops =
            [
                _queue.RunTimersAsync(stop),
                .. Enumerable.Range(0, _options.WorkerCount).Select(_ => Task.Run(() => RunOrchestrationLoopAsync(stop), CancellationToken.None)),
                .. Enumerable.Range(0, _options.ActivityWorkerCount).Select(_ => Task.Run(() => RunActivityLoopAsync(stop), CancellationToken.None)),
            ];
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops taking new work, lets running episodes and activities finish and waits for their commits. If
    /// <paramref name="cancellationToken"/> fires first, unfinished work stays in the store and runs after a restart.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        await _inFlight.WhenIdle().WaitAsync(cancellationToken);
    }

    /// <summary>Stops gracefully unless a stop was already requested (then it does not wait again), and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_stopping is { IsCancellationRequested: false })
            {
                await StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await _store.DisposeAsync();
            _stopping?.Dispose();
            _planner?.Dispose();
        }
    }

    /// <summary>Opens the store and schedules the work left from a previous run, once.</summary>
    internal async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_opened is { IsCompletedSuccessfully: true })
        {
            return;
        }

        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            _opened ??= OpenAsync();
        }
        finally
        {
            _lifecycle.Release();
        }

        await _opened.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Commits a new message (start, event, terminate) and schedules it; false when the store declined it. The engine
    /// must be open (<see cref="EnsureOpenAsync"/>) before the message's id is taken.
    /// </summary>
    internal async Task<bool> SubmitAsync(StoreWrite write, QueuedMessage message)
    {
        if (!await _store.WriteAsync(write, CancellationToken.None))
        {
            LogNotApplied(message.Event.EventTypeCase.ToString(), message.InstanceId);
            return false;
        }

        _queue.Add(message);
        return true;
    }

    internal long NextId() => Interlocked.Increment(ref _lastId);

    private async Task OpenAsync()
    {
        var pending = await _store.OpenAsync(CancellationToken.None);
        _lastId = pending.MaxId;
        foreach (var message in pending.Messages)
        {
            _queue.Add(message);
        }

        foreach (var activity in pending.Activities)
        {
            _activities.Writer.TryWrite(activity);
        }

        LogRecovered(pending.Messages.Count, pending.Activities.Count);
    }

    private async Task RunOrchestrationLoopAsync(CancellationToken stop)
    {
        while (true)
        {
            (string InstanceId, List<QueuedMessage> Messages) work;
            try
            {
                work = await _queue.TakeAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunEpisodeAsync(work.InstanceId, work.Messages);
        }
    }

    private async Task RunEpisodeAsync(string instanceId, List<QueuedMessage> messages)
    {
        EpisodeWrite episode;
        InstanceState? state;
        try
        {
            state = _cache.TryGetValue(instanceId, out var cached) ? cached : await LoadStateAsync(instanceId);
            episode = _planner.Plan(instanceId, state, messages, UtcNow);
        }
        catch (Exception e)
        {
            Abandon(instanceId, messages, e);
            return;
        }

        // The commit is awaited off this loop so the next episode can run while the store groups commits.
        await _inFlight.EnterAsync();
        _ = CommitEpisodeAsync(instanceId, state, episode, messages);
    }

    private async Task CommitEpisodeAsync(string instanceId, InstanceState? state, EpisodeWrite episode, List<QueuedMessage> messages)
    {
        try
        {
            await _store.WriteAsync(episode, CancellationToken.None);
        }
        catch (Exception e)
        {
            Abandon(instanceId, messages, e);
            _inFlight.Exit();
            return;
        }

        try
        {
            if (state is not null && episode.Update is not null)
            {
                var statusBefore = state.Status;
                state.Committed(episode);
                Cache(instanceId, state);
                if (state.Status != statusBefore)
                {
                    _watchers.Changed(instanceId);
                    if (state.Status.IsTerminal())
                    {
                        Counters.InstanceFinished();
                    }
                }

                LogEpisode(instanceId, state.Status, episode.NewActivities.Count, episode.NewMessages.Count);
            }

            foreach (var activity in episode.NewActivities)
            {
                _activities.Writer.TryWrite(activity);
            }

            foreach (var timer in episode.NewMessages)
            {
                _queue.Add(timer);
            }

            // An event the store dropped (its target missing or finished) is discarded by the target's episode too.
            foreach (var sent in episode.EventsSent)
            {
                _queue.Add(sent);
            }

            Counters.EpisodeCommitted();
        }
        finally
        {
            _queue.Release(instanceId);
            _inFlight.Exit();
        }
    }

    private void Abandon(string instanceId, List<QueuedMessage> messages, Exception error)
    {
        // The store is unchanged; drop the cached state (it may be ahead of the store) and try the batch again later.
        _cache.TryRemove(instanceId, out _);
        LogEpisodeFailed(error, instanceId);
        _queue.Return(messages, UtcNow + _options.CommitRetryDelay);
        _queue.Release(instanceId);
    }

    private void Cache(string instanceId, InstanceState state)
    {
        if (state.Status.IsTerminal() || (_cache.Count >= _options.MaxCachedInstances && !_cache.ContainsKey(instanceId)))
        {
            _cache.TryRemove(instanceId, out _);
        }
        else
        {
            _cache[instanceId] = state;
        }
    }

    private async Task<InstanceState?> LoadStateAsync(string instanceId)
    {
        var record = await _store.GetInstanceAsync(instanceId, includePayloads: true, CancellationToken.None);
        return record is null
            ? null
            : new InstanceState(record, [.. await _store.GetHistoryAsync(instanceId, CancellationToken.None)]);
    }

    [LoggerMessage(LogLevel.Information, "Durable engine resumed {Messages} queued messages and {Activities} unfinished activities.")]
    private partial void LogRecovered(int messages, int activities);

    [LoggerMessage(LogLevel.Information,
        "{Message} for instance {InstanceId} was not applied: a start for an existing id, or an event or termination for a finished or unknown instance.")]
    private partial void LogNotApplied(string message, string instanceId);

    [LoggerMessage(LogLevel.Debug, "Instance {InstanceId} committed an episode: {Status}, {Activities} activities and {Timers} timers scheduled.")]
    private partial void LogEpisode(string instanceId, OrchestrationRuntimeStatus status, int activities, int timers);

    [LoggerMessage(LogLevel.Error, "Episode of instance {InstanceId} did not commit; its messages will be retried.")]
    private partial void LogEpisodeFailed(Exception error, string instanceId);

    [LoggerMessage(LogLevel.Warning, "Activity {ActivityName} (step {TaskId}) of instance {InstanceId} failed with {ErrorType}.")]
    private partial void LogActivityFailed(TaskName activityName, int taskId, string instanceId, string errorType);

    [LoggerMessage(LogLevel.Error, "Result of activity {ActivityName} (step {TaskId}) of instance {InstanceId} did not commit; it will run again after a restart.")]
    private partial void LogActivityCommitFailed(Exception error, TaskName activityName, int taskId, string instanceId);
}
