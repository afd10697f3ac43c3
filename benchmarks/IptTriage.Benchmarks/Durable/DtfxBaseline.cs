using System.Diagnostics;
using System.Globalization;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar;

namespace IptTriage.Benchmarks.Durable;

/// <summary>How the baseline runs; every field has a default, so <c>new DtfxBaselineOptions()</c> is the measured setup.</summary>
public sealed record DtfxBaselineOptions
{
    /// <summary>Orchestration work items in flight at once. Null: the backend's own figure: the in-memory service's
    /// <see cref="Environment.ProcessorCount"/>, or for Azure Storage Durable Functions' host.json default,
    /// 10 × <see cref="Environment.ProcessorCount"/>.</summary>
    public int? OrchestrationConcurrency { get; init; }

    /// <summary>Activity work items in flight at once; null as for <see cref="OrchestrationConcurrency"/>.</summary>
    public int? ActivityConcurrency { get; init; }

    /// <summary>Instances run to completion before the clock starts and the counters are zeroed. Null: none in memory
    /// (the embedded engine's run has no warm-up either); for Azure Storage 2 × <see cref="PartitionCount"/>, so the
    /// worker holds its partition leases and the queues exist before timing.</summary>
    public int? WarmupInstances { get; init; }

    /// <summary>Azure Storage control-queue partitions (the provider's and Durable Functions' default, 4).</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Azure Storage's longest back-off between polls of an empty queue (default 30 s); shorter only helps the
    /// tail of a run, when queues empty out.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Azure Storage extended sessions (host.json <c>extendedSessionsEnabled</c>, off by default): an
    /// orchestration stays loaded between episodes instead of reloading its history.</summary>
    public bool ExtendedSessions { get; init; }

    /// <summary>Give up waiting after this long; the result then says how many instances did complete.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>One baseline run: counts from the orchestration and activity themselves, statuses read back from the backend.</summary>
public sealed record BaselineResult(
    string Backend,
    int Instances,
    int Activities,
    int CompletedInstances,
    int FailedInstances,
    long OrchestratorEpisodes,
    long DispatchedEpisodes,
    long ActivityExecutions,
    TimeSpan AllScheduled,
    TimeSpan Elapsed,
    TimeSpan ProcessorTime,
    int WarmupInstances,
    string Settings)
{
    /// <summary>Orchestrator episodes + activity executions, as the embedded engine's bench counts them.</summary>
    public long WorkItems => OrchestratorEpisodes + ActivityExecutions;

    public double WorkItemsPerSecond => WorkItems / Elapsed.TotalSeconds;

    public bool AllCompleted => CompletedInstances == Instances;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"""
        backend             : {Backend} ({Settings})
        instances           : {Instances} x {Activities} activities (warm-up first: {WarmupInstances})
        completed instances : {CompletedInstances} (failed {FailedInstances})
        orchestrator episodes: {OrchestratorEpisodes} (RunTask calls; dispatched episodes {DispatchedEpisodes})
        activity executions : {ActivityExecutions}
        all scheduled after : {AllScheduled.TotalSeconds:F2} s
        wall time           : {Elapsed.TotalSeconds:F2} s
        work items/s        : {WorkItemsPerSecond:F0}
        ms per orchestration: {Elapsed.TotalMilliseconds / Instances:F3}
        process CPU         : {ProcessorTime.TotalSeconds:F2} s
        """);
}

/// <summary>
/// Microsoft's own engine on the durable benchmark's shape: DurableTask.Core's <see cref="TaskHubWorker"/> and
/// <see cref="TaskHubClient"/>, a <see cref="TaskOrchestration"/> "Sequence" that calls the <see cref="TaskActivity"/>
/// "Step" K times in sequence (int in, n + 1 out), N instances started at once. The clock runs from the first start
/// until the backend reports all N Completed (counted, not assumed).
/// </summary>
public static class DtfxBaseline
{
    private const string InstancePrefix = "bench-";

    /// <summary>The durable benchmark's closing line:
    /// <c>durable: embedded-sqlite W work items/s, dtfx-in-memory M work items/s, ratio R</c>, R = W / M.</summary>
    public static string SideBySideLine(double embeddedWorkItemsPerSecond, BaselineResult inMemory) =>
        string.Create(CultureInfo.InvariantCulture,
            $"durable: embedded-sqlite {embeddedWorkItemsPerSecond:F0} work items/s, {inMemory.Backend} {inMemory.WorkItemsPerSecond:F0} work items/s, ratio {embeddedWorkItemsPerSecond / inMemory.WorkItemsPerSecond:F2}");

    /// <summary>Over the test host's <c>InMemoryOrchestrationService</c>: no storage at all, every message and history
    /// event held as an object in the process.</summary>
    public static async Task<BaselineResult> RunInMemoryAsync(int instances, int activities, DtfxBaselineOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DtfxBaselineOptions();
        var service = new InMemoryOrchestrationService();
        var orchestrations = options.OrchestrationConcurrency ?? service.MaxConcurrentTaskOrchestrationWorkItems;
        var activityLimit = options.ActivityConcurrency ?? service.MaxConcurrentTaskActivityWorkItems;
        IOrchestrationService worker = orchestrations == service.MaxConcurrentTaskOrchestrationWorkItems
            && activityLimit == service.MaxConcurrentTaskActivityWorkItems
                ? service
                : new DtfxConcurrency(service, orchestrations, activityLimit);
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"orchestration work items {orchestrations}, activity work items {activityLimit}");
        return await RunAsync("dtfx-in-memory", worker, service, service, instances, activities, options.WarmupInstances ?? 0,
            options.Timeout, TimeSpan.FromMilliseconds(5), settings, cancellationToken);
    }

    /// <summary>Over <see cref="AzureStorageOrchestrationService"/> on <paramref name="connectionString"/> (Azurite or an
    /// account), in a task hub of its own that is deleted afterwards.</summary>
    public static async Task<BaselineResult> RunAzureStorageAsync(string connectionString, int instances, int activities,
        DtfxBaselineOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DtfxBaselineOptions();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = "dtfxbench" + Guid.NewGuid().ToString("N")[..12],
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskOrchestrationWorkItems = options.OrchestrationConcurrency ?? 10 * Environment.ProcessorCount,
            MaxConcurrentTaskActivityWorkItems = options.ActivityConcurrency ?? 10 * Environment.ProcessorCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = options.ExtendedSessions,
        };
        var description = string.Create(CultureInfo.InvariantCulture,
            $"task hub {settings.TaskHubName}, partitions {settings.PartitionCount}, orchestration work items {settings.MaxConcurrentTaskOrchestrationWorkItems}, activity work items {settings.MaxConcurrentTaskActivityWorkItems}, max polling interval {settings.MaxQueuePollingInterval.TotalSeconds:0.###} s, extended sessions {(settings.ExtendedSessionsEnabled ? "on" : "off")}");
        using var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        try
        {
            return await RunAsync("dtfx-azure-storage", service, service, service, instances, activities,
                options.WarmupInstances ?? 2 * options.PartitionCount, options.Timeout, TimeSpan.FromMilliseconds(50), description,
                cancellationToken);
        }
        finally
        {
            try
            {
                await service.DeleteAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"note: could not delete task hub {settings.TaskHubName}: {e.Message}");
            }
        }
    }

    private static async Task<BaselineResult> RunAsync(string backend, IOrchestrationService workerService,
        IOrchestrationServiceClient clientService, IOrchestrationServiceQueryClient query, int instances, int activities, int warmup,
        TimeSpan timeout, TimeSpan poll, string settings, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(instances);
        ArgumentOutOfRangeException.ThrowIfNegative(activities);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);

        var counters = new DtfxCounters();
        using var worker = new TaskHubWorker(workerService);
        worker.AddTaskOrchestrations(new DtfxCreator<TaskOrchestration>(DtfxSequenceOrchestration.Name, () => new DtfxSequenceOrchestration(counters)));
        worker.AddTaskActivities(new DtfxCreator<TaskActivity>(DtfxStepActivity.Name, () => new DtfxStepActivity(counters)));
        worker.AddOrchestrationDispatcherMiddleware(async (_, next) =>
        {
            counters.Dispatched();
            await next();
        });
        var client = new TaskHubClient(clientService);
        await worker.StartAsync();
        try
        {
            if (warmup > 0)
            {
                var clock = Stopwatch.StartNew();
                await StartAllAsync(client, "warmup-", warmup, activities);
                var (done, _) = await WaitForAllAsync(query, counters, "warmup-", warmup, clock, timeout, poll, cancellationToken);
                if (done != warmup)
                {
                    throw new TimeoutException($"{backend}: only {done} of {warmup} warm-up instances completed within {timeout}.");
                }
            }

            counters.Reset();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var measured = Stopwatch.StartNew();
            await StartAllAsync(client, InstancePrefix, instances, activities);
            var scheduled = measured.Elapsed;
            var (completed, failed) = await WaitForAllAsync(query, counters, InstancePrefix, instances, measured, timeout, poll, cancellationToken);
            var elapsed = measured.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            return new BaselineResult(backend, instances, activities, completed, failed, counters.OrchestratorEpisodes,
                counters.DispatchedEpisodes, counters.ActivityExecutions, scheduled, elapsed, cpu, warmup, settings);
        }
        finally
        {
            await worker.StopAsync(isForced: true);
        }
    }

    private static Task StartAllAsync(TaskHubClient client, string prefix, int instances, int activities) =>
        Task.WhenAll(Enumerable.Range(0, instances).Select(i => client.CreateOrchestrationInstanceAsync(
            DtfxSequenceOrchestration.Name, string.Empty, string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D6}"), activities)));

    /// <summary>Waits until the orchestrations' own counter says all returned (cheap, no backend reads), then reads the
    /// statuses back from the backend until it reports all Completed, or a failure, or the timeout.</summary>
    private static async Task<(int Completed, int Failed)> WaitForAllAsync(IOrchestrationServiceQueryClient query, DtfxCounters counters,
        string prefix, int instances, Stopwatch clock, TimeSpan timeout, TimeSpan poll, CancellationToken cancellationToken)
    {
        while (counters.OrchestrationsReturned < instances && clock.Elapsed < timeout)
        {
            await Task.Delay(poll, cancellationToken);
        }

        while (true)
        {
            var (completed, failed) = await CountAsync(query, prefix, cancellationToken);
            if (completed + failed >= instances || clock.Elapsed >= timeout)
            {
                return (completed, failed);
            }

            await Task.Delay(poll, cancellationToken);
        }
    }

    private static async Task<(int Completed, int Failed)> CountAsync(IOrchestrationServiceQueryClient query, string prefix,
        CancellationToken cancellationToken)
    {
        int completed = 0, failed = 0;
        string? continuation = null;
        do
        {
            var page = await query.GetOrchestrationWithQueryAsync(new OrchestrationQuery
            {
                InstanceIdPrefix = prefix,
                PageSize = 1000,
                ContinuationToken = continuation,
                FetchInputsAndOutputs = false,
            }, cancellationToken);
            foreach (var state in page.OrchestrationState)
            {
                switch (state.OrchestrationStatus)
                {
                    case OrchestrationStatus.Completed:
                        completed++;
                        break;
                    case OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled:
                        failed++;
                        break;
                }
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return (completed, failed);
    }
}
