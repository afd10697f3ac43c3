using IptTriage.Durable.Core.Dispatch;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Durable.Hosting;

/// <summary>
/// Runs the engine with the host. On shutdown it stops taking work and waits, within the host's shutdown timeout,
/// for running steps to commit; each step is one transaction, so none is ever half-written.
/// </summary>
internal sealed class DurableEngineHostedService(DurableEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => engine.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);
}
