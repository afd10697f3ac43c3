using IptTriage.DurableTask.Sqlite.Client;
using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.Storage;
using IptTriage.DurableTask.Sqlite.Storage.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.DurableTask.Sqlite.Hosting;

/// <summary>
/// Plugs the embedded engine in behind Microsoft's builders, as Microsoft's own backends plug in (<c>UseGrpc()</c>):
/// <code>
/// services.AddDurableTaskWorker(b =&gt; b.AddTasks(r =&gt; ...).UseSqlite(o =&gt; o.DatabasePath = "durable.db"));
/// services.AddDurableTaskClient(b =&gt; b.UseSqlite());
/// </code>
/// Both share one engine (one SQLite file per process). A <see cref="TimeProvider"/> or
/// <see cref="IOrchestrationStore"/> registered before is used instead of the default.
/// </summary>
public static class SqliteDurableTaskExtensions
{
    public static IDurableTaskWorkerBuilder UseSqlite(this IDurableTaskWorkerBuilder builder, Action<DurableEngineOptions>? configure = null)
    {
        AddEngine(builder.Services, configure);
        return builder.UseBuildTarget<SqliteDurableTaskWorker>();
    }

    public static IDurableTaskClientBuilder UseSqlite(this IDurableTaskClientBuilder builder, Action<DurableEngineOptions>? configure = null)
    {
        AddEngine(builder.Services, configure);
        return builder.UseBuildTarget<SqliteDurableTaskClient>();
    }

    private static void AddEngine(IServiceCollection services, Action<DurableEngineOptions>? configure)
    {
        services.AddOptions<DurableEngineOptions>().Configure(configure ?? (_ => { }));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrchestrationStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
            return new SqliteOrchestrationStore(new SqliteStoreOptions(options.DatabasePath) { Durability = options.Durability });
        });
        // One shim factory for orchestrations (GrpcOrchestrationRunner takes it from the services) and activities,
        // so both use the worker's data converter.
        services.TryAddSingleton(provider => new DurableTaskShimFactory(
            provider.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => new DurableEngine(
            provider.GetRequiredService<IOrchestrationStore>(),
            provider.GetRequiredService<DurableTaskShimFactory>(),
            provider.GetRequiredService<IOptions<DurableEngineOptions>>().Value,
            provider,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
    }
}
