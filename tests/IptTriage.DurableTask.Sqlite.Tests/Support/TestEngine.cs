using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.DurableTask.Sqlite.Storage;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.DurableTask.Sqlite.Tests.Support;

/// <summary>Microsoft's worker and client on the embedded backend over a given store with a fake clock, wired as a
/// host wires them (<c>AddDurableTaskWorker(b =&gt; b.UseSqlite())</c>); dispose to stop it (the store's data stays).</summary>
public sealed class TestEngine : IAsyncDisposable
{
    /// <summary>A hang guard for waits, not a timing assertion.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _provider;

    private TestEngine(ServiceProvider provider, FakeTimeProvider clock)
    {
        _provider = provider;
        Clock = clock;
        Engine = provider.GetRequiredService<DurableEngine>();
        Client = provider.GetRequiredService<DurableTaskClient>();
        Store = provider.GetRequiredService<IOrchestrationStore>();
        Worker = provider.GetServices<IHostedService>().OfType<SqliteDurableTaskWorker>().Single();
    }

    public DurableEngine Engine { get; }

    public DurableTaskClient Client { get; }

    public SqliteDurableTaskWorker Worker { get; }

    public FakeTimeProvider Clock { get; }

    public IOrchestrationStore Store { get; }

    public static async Task<TestEngine> StartAsync(
        IOrchestrationStore store,
        Action<DurableTaskRegistry> register,
        FakeTimeProvider? clock = null,
        Action<DurableEngineOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        bool start = true)
    {
        clock ??= new FakeTimeProvider();
        var services = new ServiceCollection();
        configureServices?.Invoke(services);
        services
            .AddSingleton(store)
            .AddSingleton<TimeProvider>(clock)
            .AddDurableTaskWorker(worker => worker.AddTasks(register).UseSqlite(options =>
            {
                options.WorkerCount = 2;
                options.ActivityWorkerCount = 4;
                configure?.Invoke(options);
            }))
            .AddDurableTaskClient(client => client.UseSqlite());
        var engine = new TestEngine(services.BuildServiceProvider(), clock);
        if (start)
        {
            await engine.Worker.StartAsync(CancellationToken.None);
        }

        return engine;
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
    }

    /// <summary>Moves the clock to each durable timer as the engine arms it, until the instance finishes.</summary>
    public async Task<OrchestrationMetadata> AdvanceUntilCompletedAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var completion = Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
        while (!completion.IsCompleted)
        {
            if (Clock.NextTimerDue is { } due && due > Clock.GetUtcNow())
            {
                Clock.Advance(due - Clock.GetUtcNow());
            }

            await Task.WhenAny(completion, Task.Delay(5, guard.Token));
        }

        return await completion;
    }

    /// <summary>Waits until the instance's committed history satisfies <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<P.HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<P.HistoryEvent>, bool> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var history = await Store.GetHistoryAsync(instanceId, guard.Token);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(5, guard.Token);
        }
    }

    public Task<IReadOnlyList<P.HistoryEvent>> HistoryAsync(string instanceId) => Store.GetHistoryAsync(instanceId, CancellationToken.None);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
