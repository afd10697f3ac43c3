using System.Security.Cryptography;
using IptTriage.Composition;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.Hosting.Data;
using IptTriage.Hosting.Intake;
using IptTriage.Records.Sqlite;
using IptTriage.Workflow;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting;

public static class IptTriageServices
{
    /// <summary>The referral workflow on Microsoft's Durable Task worker and client with the embedded SQLite backend, as
    /// one machine runs it: the activities' services (<see cref="ActivityServices"/>), and records, durable state, the
    /// audit hash key and the email outbox under <see cref="IptTriageOptions.DataDirectory"/>, which is kept private
    /// (<see cref="PrivateDataDirectory"/>) and held by one process at a time (<see cref="DataDirectoryGuard"/>); the
    /// records go to PostgreSQL instead when <see cref="RecordStores.PostgresConnectionStringSetting"/> is set. Intake
    /// sources are separate (<c>AddIntakeSources</c>): a batch <c>run</c> takes in only its own forms, whatever the
    /// environment holds. Every start also starts the orchestration of any referral an earlier process stored without
    /// starting it (<see cref="IntakeRecoveryService"/>).</summary>
    public static IServiceCollection AddIptTriage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = IptTriageOptions.Read(configuration);
        // Before anything is written there: the key file, the databases, the outbox.
        services.AddSingleton(new DataDirectoryReport(options.DataDirectory, PrivateDataDirectory.Secure(options.DataDirectory)));
        services.AddReferralActivityServices(configuration, options, AuditHashKey(options));
        services.AddSingleton(OpenRecordStore(configuration, options));
        PrivateDataDirectory.CreateFile(options.DurablePath);
        // A lifecycle service: it holds the directory before any hosted service (the engine, the listener) starts.
        services.AddHostedService<DataDirectoryGuard>();
        services.AddTransient<ReferralIntake>();
        services.AddDurableTaskWorker(worker => worker.UseSqlite(engine =>
        {
            engine.DatabasePath = options.DurablePath;
            configuration.GetSection("DurableEngine").Bind(engine);
        }));
        services.AddDurableTaskClient(client => client.UseSqlite());
        // After the worker: a form an earlier process stored but did not start (an HTTP submission, which nothing
        // redelivers) is started once the host is up.
        var recoveryTimeout = IntakeOptions.Read(configuration).StartupRecoveryTimeout;
        services.AddTransient<StalledIntakeRecovery>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<IntakeRecoveryService>(provider, recoveryTimeout));
        // The worker's registry is named options (what AddTasks configures); this way the orchestrator gets the
        // WorkflowOptions the container holds, including any a test or host put there after this call.
        services.AddOptions<DurableTaskRegistry>().Configure<WorkflowOptions>((registry, workflow) => registry.AddReferralWorkflow(workflow));
        return services;
    }

    private static IRecordStore OpenRecordStore(IConfiguration configuration, IptTriageOptions options)
    {
        if (configuration[RecordStores.PostgresConnectionStringSetting] is { Length: > 0 } connectionString) return RecordStores.OpenPostgres(connectionString);
        PrivateDataDirectory.CreateFile(options.RecordsPath);
        return SqliteRecordStore.OpenAsync(options.RecordsPath).GetAwaiter().GetResult();
    }

    /// <summary>The configured key, else one created once in the data directory, so hashes stay comparable across restarts.</summary>
    private static byte[] AuditHashKey(IptTriageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AuditHashKey)) return Convert.FromBase64String(options.AuditHashKey);
        var keyFile = options.AuditHashKeyPath;
        if (File.Exists(keyFile)) return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        var key = RandomNumberGenerator.GetBytes(32);
        PrivateDataDirectory.WriteFile(keyFile, Convert.ToBase64String(key));
        return key;
    }
}
