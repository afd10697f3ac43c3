using IptTriage.Hosting;
using Microsoft.Extensions.Hosting;

// Durable Functions is the engine here, so only the activities' services are added: no embedded engine, no local
// intake sources (the queue trigger is the intake). Records go to PostgreSQL when RecordStore:PostgresConnectionString
// is set; email goes through SendGrid (docs/azure.md).
var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) => services.AddReferralActivityServices(context.Configuration))
    .Build();

await host.RunAsync();
