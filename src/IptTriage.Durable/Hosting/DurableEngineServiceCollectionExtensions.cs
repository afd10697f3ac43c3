using IptTriage.Durable.Core.Dispatch;
using IptTriage.Durable.Storage;
using IptTriage.Durable.Storage.InMemory;
using IptTriage.Durable.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.Durable.Hosting;

public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedded engine as a hosted service, its <see cref="DurableTaskClient"/>, and the store the options
    /// choose (SQLite by default). An <see cref="IOrchestrationStore"/> or <see cref="TimeProvider"/> registered before
    /// this call is used instead of the default.
    /// </summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, Action<DurableEngineOptions>? configure = null)
    {
        services.AddOptions<DurableEngineOptions>().Configure(configure ?? (_ => { }));
        services.AddOptions<DurableTaskRegistry>();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrchestrationStore>(provider => CreateStore(provider.GetRequiredService<IOptions<DurableEngineOptions>>().Value));
        services.TryAddSingleton(provider => new DurableEngine(
            provider.GetRequiredService<IOrchestrationStore>(),
            provider.GetRequiredService<IOptions<DurableTaskRegistry>>().Value,
            provider.GetRequiredService<IOptions<DurableEngineOptions>>().Value,
            provider,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<DurableEngine>().Client);
        services.AddHostedService<DurableEngineHostedService>();
        return services;
    }

    /// <summary>Registers orchestrators and activities; may be called by several modules.</summary>
    public static IServiceCollection AddDurableTasks(this IServiceCollection services, Action<DurableTaskRegistry> register) =>
        services.Configure(register);

    private static IOrchestrationStore CreateStore(DurableEngineOptions options) => options.UseInMemoryStore
        ? new InMemoryOrchestrationStore()
        : new SqliteOrchestrationStore(new SqliteStoreOptions(options.DatabasePath) { Durability = options.Durability });
}
