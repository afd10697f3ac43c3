using IptTriage.DurableTask.Sqlite.Dispatch;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;

namespace IptTriage.DurableTask.Sqlite.Hosting;

/// <summary>
/// The worker Microsoft's <c>AddDurableTaskWorker</c> builds for this backend: it hands the registry's task factory to
/// the engine and runs it with the host. On shutdown the engine stops taking work and waits, within the host's
/// shutdown timeout, for running steps to commit; each step is one transaction, so none is ever half-written.
/// </summary>
public sealed class SqliteDurableTaskWorker(string? name, IDurableTaskFactory factory, DurableEngine engine)
    : DurableTaskWorker(name, factory)
{
    public override Task StartAsync(CancellationToken cancellationToken) => engine.StartAsync(Factory, cancellationToken);

    public override Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
