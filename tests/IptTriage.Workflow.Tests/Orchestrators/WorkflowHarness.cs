using System.Text.Json.Nodes;
using IptTriage.Email;
using IptTriage.Records.Sqlite;
using IptTriage.Triage;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Activities;
using IptTriage.Workflow.Tests.Clinics;
using IptTriage.Workflow.Tests.Hosts;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Workflow.Tests.Orchestrators;

/// <summary>The whole workflow on one host: SQLite for the records, email recorded in memory, and the host's durable
/// backend and clock (<see cref="DurableTestHost"/>). The same scenario code runs on both hosts.</summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    private readonly string directory;

    private WorkflowHarness(string directory, DurableTestHost host)
    {
        this.directory = directory;
        Host = host;
    }

    public DurableTestHost Host { get; }

    public TimeProvider Clock => Host.Clock;

    public IRecordStore Records => Host.Services.GetRequiredService<IRecordStore>();

    public DurableTaskClient Client => Host.Client;

    public RecordingEmailSender Email => (RecordingEmailSender)Host.Services.GetRequiredService<IEmailSender>();

    public WorkflowOptions Options => Host.Services.GetRequiredService<WorkflowOptions>();

    /// <param name="options">The workflow's deadlines and addresses; the defaults unless a scenario lets deadlines pass,
    /// which it must shorten to seconds for Microsoft's host, whose timers follow the wall clock.</param>
    public static async Task<WorkflowHarness> StartAsync(WorkflowHost host, WorkflowOptions? options = null, ILoggerProvider? logs = null)
    {
        options ??= new WorkflowOptions();
        var directory = Directory.CreateTempSubdirectory("iptriage-workflow-").FullName;
        var records = await SqliteRecordStore.OpenAsync(Path.Combine(directory, "records.db"));
        var durable = await DurableTestHost.StartAsync(host, tasks => tasks.AddReferralWorkflow(options), services => services
            .AddSingleton<IRecordStore>(records)
            .AddSingleton(PolicyFile.LoadDefault())
            .AddSingleton(BundledDirectory.Load())
            .AddSingleton(NotificationTemplates.LoadBundled())
            .AddSingleton<IEmailSender, RecordingEmailSender>()
            .AddSingleton(new RecipientHasher("test-key"u8.ToArray()))
            .AddSingleton(options)
            .AddTransient<ScreenReferral>()
            .AddTransient<SendNotification>()
            .AddTransient<ReferralIntake>(), logs);
        return new WorkflowHarness(directory, durable);
    }

    public async Task<string> SubmitAsync(string sample, Action<JsonObject>? change = null)
    {
        var receipt = await SubmitBytesAsync(ActivityHarness.Form(sample, change), sample);
        return receipt.ReferralId;
    }

    public Task<IntakeReceipt> SubmitBytesAsync(byte[] form, string fallbackId) =>
        Host.Services.GetRequiredService<ReferralIntake>().SubmitAsync(form, fallbackId);

    public Task<ReferralRecord> WaitForStatusAsync(string referralId, ReferralStatus status, string? clinicId = null) =>
        WaitForAsync(referralId, record => record.Status == status && (clinicId is null || record.ClinicId == clinicId));

    public async Task<ReferralRecord> WaitForAsync(string referralId, Func<ReferralRecord, bool> condition)
    {
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        while (true)
        {
            if (await Records.FindAsync(referralId, guard.Token) is { } record && condition(record)) return record;
            await Task.Delay(10, guard.Token);
        }
    }

    public Task AdvanceToAsync(DateTimeOffset due) => Host.AdvanceToAsync(due);

    public async Task<ReferralStatus> CompletionAsync(string referralId)
    {
        var metadata = await Host.CompletionAsync(referralId);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? metadata.ReadOutputAs<ReferralStatus>()
            : throw new InvalidOperationException($"{referralId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
    }

    public async Task<IReadOnlyList<string>> AuditStepsAsync(string referralId) =>
        (await Records.ReadAuditAsync(referralId)).Select(entry => WireCode.Of(entry.Step)).ToList();

    public IReadOnlyList<string> EmailKinds(string referralId) =>
        Email.Sent.Where(e => e.CustomArgs["referralId"] == referralId).Select(e => e.CustomArgs["kind"]).ToList();

    /// <summary>The activities the orchestration called, in order: the TaskScheduled events of its history.</summary>
    public async Task<IReadOnlyList<string>> ActivitiesAsync(string referralId) =>
        (await Host.HistoryAsync(referralId)).Where(e => e.TaskScheduled is not null).Select(e => e.TaskScheduled.Name).ToList();

    /// <summary>What a scenario ends in, compared across hosts: the referral's status, its audit steps, the notices sent
    /// and the activities called.</summary>
    public async Task<Trail> TrailAsync(string referralId) => new(
        (await Records.FindAsync(referralId))!.Status, await AuditStepsAsync(referralId), EmailKinds(referralId), await ActivitiesAsync(referralId));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}

internal sealed record Trail(ReferralStatus Status, IReadOnlyList<string> AuditSteps, IReadOnlyList<string> Notices, IReadOnlyList<string> Activities);
