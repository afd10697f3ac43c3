using System.Diagnostics;
using System.Globalization;
using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.DurableTask.Sqlite.Storage.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Benchmarks.Durable;

/// <summary>
/// Throughput run of the shape Microsoft uses for Durable backends: N orchestrations started at once, each calling
/// K activities in sequence. Work items = orchestrator episodes + activity executions, read from the engine's counters.
/// The engine is Microsoft's worker and client on the embedded SQLite backend, as the product runs it; then, in the
/// same process, Microsoft's DurableTask.Core engine over its in-memory test service (<see cref="DtfxBaseline"/>),
/// ending with the line <c>durable: embedded-sqlite W work items/s, dtfx-in-memory M work items/s, ratio R</c>.
/// Usage: durable [--instances 5000] [--activities 5] [--durability normal|full] [--workers N] [--activity-workers N]
/// </summary>
public static class DurableBench
{
    public static int Run(string[] args)
    {
        BenchSettings settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(
                "usage: durable [--instances N] [--activities N] [--durability normal|full] [--workers N] [--activity-workers N]");
            return 2;
        }

        return RunAsync(settings).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(BenchSettings settings)
    {
        var directory = Directory.CreateTempSubdirectory("ipt-durable-bench-");
        try
        {
            var services = new ServiceCollection()
                .AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks
                    .AddActivityFunc<int, int>("Step", (_, n) => Task.FromResult(n + 1))
                    .AddOrchestratorFunc<int, int>("Sequence", async (context, steps) =>
                    {
                        var value = 0;
                        for (var i = 0; i < steps; i++)
                        {
                            value = await context.CallActivityAsync<int>("Step", value);
                        }

                        return value;
                    }))
                .UseSqlite(options =>
                {
                    options.DatabasePath = Path.Combine(directory.FullName, "bench.db");
                    options.Durability = settings.Durability;
                    options.WorkerCount = settings.Workers;
                    options.ActivityWorkerCount = settings.ActivityWorkers;
                }))
                .AddDurableTaskClient(client => client.UseSqlite());
            await using var provider = services.BuildServiceProvider();
            var engine = provider.GetRequiredService<DurableEngine>();
            var client = provider.GetRequiredService<DurableTaskClient>();
            var worker = provider.GetServices<IHostedService>().OfType<SqliteDurableTaskWorker>().Single();
            await worker.StartAsync(CancellationToken.None);

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, settings.Instances).Select(i => client.ScheduleNewOrchestrationInstanceAsync(
                "Sequence", settings.Activities, new StartOrchestrationOptions($"bench-{i:D6}"))));
            var scheduled = clock.Elapsed;
            while (engine.Counters.InstancesFinished < settings.Instances)
            {
                await Task.Delay(5);
            }

            var elapsed = clock.Elapsed;
            var completed = await client.GetAllInstancesAsync(new OrchestrationQuery
            {
                Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000,
            }).CountAsync();
            await worker.StopAsync(CancellationToken.None);
            Report(settings, engine.Counters, scheduled, elapsed, completed);

            // Microsoft's own engine without any storage, on the same shape, in the same process, right after.
            var baseline = await DtfxBaseline.RunInMemoryAsync(settings.Instances, settings.Activities);
            Console.WriteLine(baseline);
            Console.WriteLine(DtfxBaseline.SideBySideLine(engine.Counters.WorkItems / elapsed.TotalSeconds, baseline));
            return completed == settings.Instances && baseline.AllCompleted ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Report(BenchSettings settings, EngineCounters counters, TimeSpan scheduled, TimeSpan elapsed, int completed)
    {
        var workItems = counters.WorkItems;
        var peakMb = BenchOptions.PeakMegabytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            durability={settings.Durability} instances={settings.Instances} activities={settings.Activities} workers={settings.Workers} activity-workers={settings.ActivityWorkers}
            completed instances : {completed}
            orchestrator episodes: {counters.OrchestratorEpisodes}
            activity executions : {counters.ActivityExecutions}
            all scheduled after : {scheduled.TotalSeconds:F2} s
            wall time           : {elapsed.TotalSeconds:F2} s
            work items/s        : {workItems / elapsed.TotalSeconds:F0}
            ms per orchestration: {elapsed.TotalMilliseconds / settings.Instances:F3}
            peak working set    : {peakMb:F0} MB
            """));
    }

    private sealed record BenchSettings(
        int Instances, int Activities, SqliteDurability Durability, int Workers, int ActivityWorkers)
    {
        public static BenchSettings Parse(string[] args)
        {
            var options = BenchOptions.Parse(args, "instances", "activities", "durability", "workers", "activity-workers");
            var durability = options.Text("durability", "normal") switch
            {
                "normal" => SqliteDurability.Normal,
                "full" => SqliteDurability.Full,
                var other => throw new ArgumentException($"--durability must be normal or full, not '{other}'."),
            };
            var workers = options.Number("workers", Environment.ProcessorCount);
            return new BenchSettings(options.Number("instances", 5000), options.Number("activities", 5), durability, workers,
                options.Number("activity-workers", workers * 4));
        }
    }
}
