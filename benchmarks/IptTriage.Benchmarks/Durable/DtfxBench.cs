using System.Globalization;

namespace IptTriage.Benchmarks.Durable;

/// <summary>
/// The durable benchmark's shape on Microsoft's DurableTask.Core (<see cref="DtfxBaseline"/>), standalone.
/// Usage: durable-dtfx [--backend in-memory|azure-storage] [--instances 1000] [--activities 5]
/// [--azurite-connection STRING] [--orchestration-concurrency N] [--activity-concurrency N] [--partitions N] [--warmup N]
/// [--extended-sessions on|off]
/// With azure-storage and no connection string it starts Azurite from tools/azurite on free ports.
/// </summary>
public static class DtfxBench
{
    private const string Usage =
        "usage: durable-dtfx [--backend in-memory|azure-storage] [--instances N] [--activities N] [--azurite-connection STRING] "
        + "[--orchestration-concurrency N] [--activity-concurrency N] [--partitions N] [--warmup N] [--extended-sessions on|off]";

    public static int Run(string[] args)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        return RunAsync(settings).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(Settings settings)
    {
        Console.WriteLine($"load average before: {LoadAverage()}");
        BaselineResult result;
        AzuriteProcess? azurite = null;
        var azuriteCpuBefore = TimeSpan.Zero;
        try
        {
            if (settings.Backend == "in-memory")
            {
                result = await DtfxBaseline.RunInMemoryAsync(settings.Instances, settings.Activities, settings.Options);
            }
            else
            {
                var connection = settings.AzuriteConnection;
                if (connection is null)
                {
                    azurite = await AzuriteProcess.StartAsync();
                    connection = azurite.ConnectionString;
                    Console.WriteLine("azurite             : started on " + connection[connection.IndexOf("BlobEndpoint", StringComparison.Ordinal)..]);
                    azuriteCpuBefore = azurite.ProcessorTime();
                }

                result = await DtfxBaseline.RunAzureStorageAsync(connection, settings.Instances, settings.Activities, settings.Options);
            }

            Console.WriteLine($"load average after : {LoadAverage()}");
            Console.WriteLine(result);
            if (result.DispatchedEpisodes != result.OrchestratorEpisodes)
            {
                Console.WriteLine("note                : RunTask calls and dispatched episodes differ (extended sessions resume RunTask "
                    + "instead of calling it again): work items/s counts RunTask calls, so it is understated here.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set    : {BenchOptions.PeakMegabytes():F0} MB"));
            if (azurite is not null)
            {
                // Includes the task hub's creation, the warm-up and the deletion: an upper bound for the measured part.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"azurite             : peak working set {azurite.PeakMegabytes():F0} MB, CPU {(azurite.ProcessorTime() - azuriteCpuBefore).TotalSeconds:F2} s (whole run)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"durable-dtfx: {result.Backend} {result.WorkItemsPerSecond:F0} work items/s ({result.Instances} instances x {result.Activities} activities, {result.Elapsed.TotalSeconds:F2} s)"));
            if (!result.AllCompleted)
            {
                Console.Error.WriteLine($"only {result.CompletedInstances} of {result.Instances} instances completed ({result.FailedInstances} failed).");
                return 1;
            }

            return 0;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private sealed record Settings(string Backend, int Instances, int Activities, string? AzuriteConnection, DtfxBaselineOptions Options)
    {
        public static Settings Parse(string[] args)
        {
            var options = BenchOptions.Parse(args, "backend", "instances", "activities", "azurite-connection",
                "orchestration-concurrency", "activity-concurrency", "partitions", "warmup", "extended-sessions");
            var backend = options.Text("backend", "in-memory");
            if (backend is not ("in-memory" or "azure-storage"))
            {
                throw new ArgumentException($"--backend must be in-memory or azure-storage, not '{backend}'.");
            }

            var connection = options.Text("azurite-connection", string.Empty);
            foreach (var storageOnly in new[] { "azurite-connection", "partitions", "extended-sessions" })
            {
                if (backend != "azure-storage" && options.Text(storageOnly, string.Empty).Length > 0)
                {
                    throw new ArgumentException($"--{storageOnly} goes with --backend azure-storage.");
                }
            }

            var warmupText = options.Text("warmup", string.Empty);
            int? warmup = warmupText.Length == 0
                ? null
                : int.TryParse(warmupText, NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                    ? w
                    : throw new ArgumentException($"--warmup must be a whole number, not '{warmupText}'.");
            var baseline = new DtfxBaselineOptions
            {
                OrchestrationConcurrency = Optional(options, "orchestration-concurrency"),
                ActivityConcurrency = Optional(options, "activity-concurrency"),
                PartitionCount = options.Number("partitions", 4),
                WarmupInstances = warmup,
                ExtendedSessions = options.Text("extended-sessions", "off") switch
                {
                    "on" => true,
                    "off" => false,
                    var other => throw new ArgumentException($"--extended-sessions must be on or off, not '{other}'."),
                },
            };
            return new Settings(backend, options.Number("instances", 1000), options.Number("activities", 5),
                connection.Length > 0 ? connection : null, baseline);
        }

        private static int? Optional(BenchOptions options, string name) =>
            options.Text(name, string.Empty).Length == 0 ? null : options.Number(name, 1);
    }
}
