using System.Globalization;
using IptTriage.Durable;
using IptTriage.Durable.CrashHost;
using IptTriage.Durable.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: IptTriage.Durable.CrashHost <database> <side-effect file> <instances> <steps>
// Starts (idempotently) the instances, runs the engine until all have finished, then exits 0.
if (args.Length != 4 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var instances)
    || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var steps))
{
    Console.Error.WriteLine("usage: IptTriage.Durable.CrashHost <database> <side-effect file> <instances> <steps>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
var log = new SideEffectLog(args[1]);
builder.Services
    .AddDurableTasks(tasks => CrashWorkload.Register(tasks, log))
    .AddDurableEngine(options => options.DatabasePath = args[0]);
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<DurableTaskClient>();
var created = 0;
for (var i = 0; i < instances; i++)
{
    var start = await client.TryScheduleNewOrchestrationInstanceAsync(
        CrashWorkload.Orchestrator, steps, new StartOrchestrationOptions(CrashWorkload.InstanceId(i)));
    created += start.Created ? 1 : 0;
}

Console.WriteLine($"started: {created} new of {instances}");
for (var i = 0; i < instances; i++)
{
    await client.WaitForInstanceCompletionAsync(CrashWorkload.InstanceId(i));
}

Console.WriteLine("all finished");
await host.StopAsync();
return 0;
