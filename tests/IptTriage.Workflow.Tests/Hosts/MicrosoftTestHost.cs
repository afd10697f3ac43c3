using System.Net;
using System.Net.Sockets;
using Grpc.Core.Interceptors;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P = Microsoft.DurableTask.Protobuf;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>
/// Microsoft's in-memory test host (<see cref="DurableTaskTestHost"/>): DurableTask.Core's dispatcher behind a gRPC
/// sidecar, and Microsoft's gRPC worker, as Durable Functions runs isolated workers. Its durable timers follow the wall
/// clock (the in-memory service delays each timer message with <c>Task.Delay</c>), so scenarios give it deadlines of
/// seconds and wait them out. It stalls under load (about 100 concurrent orchestrations): tests keep to a few
/// instances each.
/// </summary>
internal sealed class MicrosoftTestHost(DurableTaskTestHost host, WorkerTraffic traffic, ILoggerFactory? loggers) : DurableTestHost
{
    public override DurableTaskClient Client => host.Client;

    public override IServiceProvider Services => host.Services;

    public override TimeProvider Clock => TimeProvider.System;

    public static async Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> tasks, Action<IServiceCollection> configure, ILoggerProvider? logs)
    {
        var traffic = new WorkerTraffic();
        var loggers = logs is null ? null : LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = new DurableTaskTestHostOptions
        {
            // The host picks a random port in 30000-40000 without checking that it is free; parallel tests would collide.
            Port = FreePort(),
            LoggerFactory = loggers,
            ConfigureServices = services =>
            {
                services.AddSingleton(TimeProvider.System);
                configure(services);
                // After the host's UseGrpc(channel): the worker talks through the recorder instead.
                services.PostConfigureAll<GrpcDurableTaskWorkerOptions>(worker =>
                {
                    worker.CallInvoker = worker.Channel!.Intercept(traffic);
                    worker.Channel = null;
                });
            },
        };
        return new MicrosoftTestHost(await DurableTaskTestHost.StartAsync(tasks, options), traffic, loggers);
    }

    /// <summary>Waits for the wall clock; the host's timers fire by themselves.</summary>
    public override async Task AdvanceToAsync(DateTimeOffset due)
    {
        var wait = due - Clock.GetUtcNow();
        if (wait > HangGuard) throw new InvalidOperationException($"Microsoft's host would wait {wait} of real time: give the scenario deadlines of seconds.");
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    public override Task<IReadOnlyList<P.HistoryEvent>> HistoryAsync(string instanceId) => Task.FromResult(traffic.History(instanceId));

    /// <summary>Everything the host sent the worker (work items: histories with their inputs and events, activity
    /// inputs) and the worker sent back (actions, activity results): all that the host keeps comes this way.</summary>
    public override Task<string> StoredTextAsync()
    {
        var text = new StoredStrings();
        foreach (var message in traffic.Messages) text.Add(message);
        return Task.FromResult(text.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        loggers?.Dispose();
    }

    /// <summary>A port nothing listens on now: the OS picks it for a listener on port 0, which is then closed. Another
    /// process could take it in between, which a test run on one machine does not do in practice.</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
