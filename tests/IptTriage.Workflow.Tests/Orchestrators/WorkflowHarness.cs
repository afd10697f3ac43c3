using System.Text.Json.Nodes;
using IptTriage.Durable;
using IptTriage.Durable.Hosting;
using IptTriage.Durable.Tests.Support;
using IptTriage.Email;
using IptTriage.Records.Sqlite;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Activities;
using IptTriage.Workflow.Tests.Clinics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Workflow.Tests.Orchestrators;

/// <summary>The whole workflow on the embedded engine: SQLite for both the durable store and the records, a clock the
/// test moves, and email recorded in memory.</summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly string directory;
    private readonly ServiceProvider services;

    private WorkflowHarness(string directory, ServiceProvider services)
    {
        this.directory = directory;
        this.services = services;
    }

    public string DurableDatabasePath => Path.Combine(directory, "durable.db");

    public FakeTimeProvider Clock => (FakeTimeProvider)services.GetRequiredService<TimeProvider>();

    public IRecordStore Records => services.GetRequiredService<IRecordStore>();

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    public RecordingEmailSender Email => (RecordingEmailSender)services.GetRequiredService<IEmailSender>();

    public WorkflowOptions Options => services.GetRequiredService<WorkflowOptions>();

    public static async Task<WorkflowHarness> StartAsync(ILoggerProvider? logs = null)
    {
        var directory = Directory.CreateTempSubdirectory("iptriage-workflow-").FullName;
        var records = await SqliteRecordStore.OpenAsync(Path.Combine(directory, "records.db"));
        var provider = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null) logging.AddProvider(logs);
            })
            .AddSingleton<TimeProvider>(new FakeTimeProvider(ActivityHarness.Now))
            .AddSingleton<IRecordStore>(records)
            .AddSingleton(PolicyFile.LoadDefault())
            .AddSingleton(BundledDirectory.Load())
            .AddSingleton(NotificationTemplates.LoadBundled())
            .AddSingleton<IEmailSender, RecordingEmailSender>()
            .AddSingleton(new RecipientHasher("test-key"u8.ToArray()))
            .AddSingleton(new WorkflowOptions())
            .AddTransient<ScreenReferral>()
            .AddTransient<SendNotification>()
            .AddTransient<ReferralIntake>()
            .AddReferralWorkflow()
            .AddDurableEngine(options => options.DatabasePath = Path.Combine(directory, "durable.db"))
            .BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return new WorkflowHarness(directory, provider);
    }

    public async Task<string> SubmitAsync(string sample, Action<JsonObject>? change = null)
    {
        var receipt = await services.GetRequiredService<ReferralIntake>().SubmitAsync(ActivityHarness.Form(sample, change), sample);
        return receipt.ReferralId;
    }

    public Task<IntakeReceipt> SubmitBytesAsync(byte[] form, string fallbackId) =>
        services.GetRequiredService<ReferralIntake>().SubmitAsync(form, fallbackId);

    public Task<ReferralRecord> WaitForStatusAsync(string referralId, ReferralStatus status, string? clinicId = null) =>
        WaitForAsync(referralId, record => record.Status == status && (clinicId is null || record.ClinicId == clinicId));

    public async Task<ReferralRecord> WaitForAsync(string referralId, Func<ReferralRecord, bool> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            if (await Records.FindAsync(referralId, guard.Token) is { } record && condition(record)) return record;
            await Task.Delay(10, guard.Token);
        }
    }

    /// <summary>Moves the clock to <paramref name="due"/> one armed timer at a time, waiting for the orchestration to
    /// arm each (the engine also re-arms a far-off timer in steps), so every deadline is taken from the time its
    /// predecessor fired, as on a real clock.</summary>
    public async Task AdvanceToAsync(DateTimeOffset due)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (Clock.GetUtcNow() < due)
        {
            if (Clock.NextTimerDue is { } next) Clock.Advance((next < due ? next : due) - Clock.GetUtcNow());
            else await Task.Delay(10, guard.Token);
        }
    }

    public async Task<ReferralStatus> CompletionAsync(string referralId)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        var metadata = await Client.WaitForInstanceCompletionAsync(referralId, getInputsAndOutputs: true, guard.Token);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? metadata.ReadOutputAs<ReferralStatus>()
            : throw new InvalidOperationException($"{referralId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
    }

    /// <summary>Every value in every table of the durable engine's database, one per line: what the backend keeps as
    /// orchestration history, to search for personal data.</summary>
    public async Task<string> DurableDatabaseTextAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DurableDatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var column = 0; column < reader.FieldCount; column++) text.Append(reader.GetValue(column)).Append('\n');
        }
        return text.ToString();
    }

    public async Task<IReadOnlyList<string>> AuditStepsAsync(string referralId) =>
        (await Records.ReadAuditAsync(referralId)).Select(entry => entry.Step).ToList();

    public IReadOnlyList<string> EmailKinds(string referralId) =>
        Email.Sent.Where(e => e.CustomArgs["referralId"] == referralId).Select(e => e.CustomArgs["kind"]).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
