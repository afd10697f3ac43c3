using System.Globalization;
using DurableTask.Core.Exceptions;
using IptTriage.DurableTask.Sqlite.CrashHost;
using IptTriage.DurableTask.Sqlite.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: IptTriage.DurableTask.Sqlite.CrashHost <database> <side-effect file> <instances> <steps>
// Starts (idempotently) the instances, runs the engine until all have finished, then exits 0.
if (args.Length != 4 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var instances)
    || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var steps))
{
    Console.Error.WriteLine("usage: IptTriage.DurableTask.Sqlite.CrashHost <database> <side-effect file> <instances> <steps>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
var log = new SideEffectLog(args[1]);
builder.Services
    .AddDurableTaskWorker(worker => worker.AddTasks(tasks => CrashWorkload.Register(tasks, log)).UseSqlite(options => options.DatabasePath = args[0]))
    .AddDurableTaskClient(client => client.UseSqlite());
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<DurableTaskClient>();
var created = 0;
for (var i = 0; i < instances; i++)
{
    try
    {
        await client.ScheduleNewOrchestrationInstanceAsync(CrashWorkload.Orchestrator, steps, new StartOrchestrationOptions(CrashWorkload.InstanceId(i)));
        created++;
    }
    catch (OrchestrationAlreadyExistsException)
    {
        // started by an earlier (killed) run
    }
}

Console.WriteLine($"started: {created} new of {instances}");
for (var i = 0; i < instances; i++)
{
    await client.WaitForInstanceCompletionAsync(CrashWorkload.InstanceId(i));
}

Console.WriteLine("all finished");
await host.StopAsync();
return 0;
