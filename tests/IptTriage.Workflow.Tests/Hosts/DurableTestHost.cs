using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>A Durable Task worker and client on one of the two hosts, with the test's tasks and services. Tests see the
/// same surface on both: Microsoft's client, the worker's services, each instance's protobuf history, and a clock.</summary>
internal abstract class DurableTestHost : IAsyncDisposable
{
    /// <summary>Bounds every wait, so a hang fails the test instead of stalling the run.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public abstract DurableTaskClient Client { get; }

    /// <summary>The worker's services, where activities are resolved from.</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>The clock activities read (registered as <see cref="TimeProvider"/>); durable timers follow it too.</summary>
    public abstract TimeProvider Clock { get; }

    public static async Task<DurableTestHost> StartAsync(
        WorkflowHost host, Action<DurableTaskRegistry> tasks, Action<IServiceCollection>? services = null, ILoggerProvider? logs = null) => host switch
    {
        WorkflowHost.Embedded => await EmbeddedTestHost.StartAsync(tasks, services ?? (_ => { }), logs),
        WorkflowHost.Microsoft => await MicrosoftTestHost.StartAsync(tasks, services ?? (_ => { }), logs),
        _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
    };

    /// <summary>Lets the clock reach <paramref name="due"/>, firing every durable timer due by then in order, each one
    /// only after the orchestration has armed it, so every deadline is taken from the time its predecessor fired.</summary>
    public abstract Task AdvanceToAsync(DateTimeOffset due);

    /// <summary>The instance's history as Durable Task protobuf events, in order.</summary>
    public abstract Task<IReadOnlyList<P.HistoryEvent>> HistoryAsync(string instanceId);

    /// <summary>Every string the host has kept or passed on for orchestrations (history, queued messages, activity inputs
    /// and results), one per line, JSON unescaped: what to search for personal data.</summary>
    public abstract Task<string> StoredTextAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>The instance once it has finished, with its input and output.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
    }
}
