using System.Security.Cryptography;
using Azure.Identity;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.Email;
using IptTriage.Hosting.Data;
using IptTriage.Records.Postgres;
using IptTriage.Records.Sqlite;
using IptTriage.Triage.Policy;
using IptTriage.Workflow;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IptTriage.Hosting;

public static class IptTriageServices
{
    /// <summary>Set, the records live in this PostgreSQL database (docs/records.md); unset, in SQLite beside the rest.</summary>
    public const string PostgresConnectionStringSetting = "RecordStore:PostgresConnectionString";

    /// <summary>The referral workflow on Microsoft's Durable Task worker and client with the embedded SQLite backend, as
    /// one machine runs it: records, durable state and the email outbox under <see cref="IptTriageOptions.DataDirectory"/>,
    /// which is kept private (<see cref="PrivateDataDirectory"/>) and held by one process at a time
    /// (<see cref="DataDirectoryGuard"/>); the records go to PostgreSQL
    /// instead when <see cref="PostgresConnectionStringSetting"/> is set. Files that cannot be read stop start-up with
    /// a message saying which and why. Intake sources are separate (<c>AddIntakeSources</c>): a batch <c>run</c> takes
    /// in only its own forms, whatever the environment holds.</summary>
    public static IServiceCollection AddIptTriage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddReferralActivityServices(configuration);
        SecureDataDirectory(services, options);
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
        // The worker's registry is named options (what AddTasks configures); this way the orchestrator gets the
        // WorkflowOptions the container holds, including any a test or host put there after this call.
        services.AddOptions<DurableTaskRegistry>().Configure<WorkflowOptions>((registry, workflow) => registry.AddReferralWorkflow(workflow));
        return services;
    }

    /// <summary>What the workflow's activities need (records, policy, clinics, templates, email, hasher, options,
    /// clock) without an engine: Azure Functions hosts the activities on Durable Functions instead.</summary>
    public static IptTriageOptions AddReferralActivityServices(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IptTriageOptions.SectionName).Get<IptTriageOptions>() ?? new IptTriageOptions();

        // Unless configured otherwise, the local outbox lives with the rest of the data.
        var email = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Email:OutboxPath"] = options.OutboxPath })
            .AddConfiguration(configuration)
            .Build();

        var sqlite = configuration[PostgresConnectionStringSetting] is not { Length: > 0 };
        if (sqlite || string.IsNullOrWhiteSpace(options.AuditHashKey)) SecureDataDirectory(services, options);
        if (sqlite) PrivateDataDirectory.CreateFile(options.RecordsPath);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>() ?? new WorkflowOptions());
        services.AddSingleton(OpenRecordStore(configuration, options));
        services.AddSingleton(LoadPolicy(options.PolicyPath));
        services.AddSingleton(LoadClinics(options.ClinicsPath));
        services.AddSingleton(NotificationTemplates.LoadBundled());
        services.AddSingleton(new RecipientHasher(AuditHashKey(options)));
        services.AddSendGridEmail(email);
        services.AddTransient<ScreenReferral>().AddTransient<SendNotification>();
        return options;
    }

    private static IRecordStore OpenRecordStore(IConfiguration configuration, IptTriageOptions options) =>
        configuration[PostgresConnectionStringSetting] is { Length: > 0 } connectionString
            ? PostgresRecordStore.OpenAsync(connectionString, new DefaultAzureCredential()).GetAwaiter().GetResult()
            : SqliteRecordStore.OpenAsync(options.RecordsPath).GetAwaiter().GetResult();

    /// <summary>Creates the data directory owner-only, or tightens it, once per composition: before anything is written
    /// there.</summary>
    private static void SecureDataDirectory(IServiceCollection services, IptTriageOptions options)
    {
        if (services.Any(service => service.ServiceType == typeof(DataDirectoryReport))) return;
        services.AddSingleton(new DataDirectoryReport(options.DataDirectory, PrivateDataDirectory.Secure(options.DataDirectory)));
    }

    private static TriagePolicy LoadPolicy(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return PolicyFile.LoadDefault();
        using var stream = OpenOrExplain(path, "policy file");
        return PolicyFile.Load(stream, path);
    }

    private static ClinicDirectory LoadClinics(string path)
    {
        using var stream = OpenOrExplain(path, "clinic directory");
        return ClinicDirectory.Load(stream, path);
    }

    private static FileStream OpenOrExplain(string path, string what) => File.Exists(path)
        ? File.OpenRead(path)
        : throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);

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
