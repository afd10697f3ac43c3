using System.Text.Json.Nodes;
using IptTriage.Email;
using IptTriage.Records.Sqlite;
using IptTriage.Triage;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
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
    /// <param name="clinics">The clinic directory; the bundled one unless a scenario needs small capacities.</param>
    public static async Task<WorkflowHarness> StartAsync(WorkflowHost host, WorkflowOptions? options = null, ILoggerProvider? logs = null,
        ClinicDirectory? clinics = null)
    {
        options ??= new WorkflowOptions();
        var directory = Directory.CreateTempSubdirectory("iptriage-workflow-").FullName;
        var records = await SqliteRecordStore.OpenAsync(Path.Combine(directory, "records.db"));
        var durable = await DurableTestHost.StartAsync(host, tasks => tasks.AddReferralWorkflow(options), services => services
            .AddSingleton<IRecordStore>(records)
            .AddSingleton(PolicyFile.LoadDefault())
            .AddSingleton(clinics ?? BundledDirectory.Load())
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

    /// <summary>Lets <paramref name="time"/> pass while no timer is due: the embedded host's clock moves, Microsoft's
    /// host waits it out.</summary>
    public Task PassAsync(TimeSpan time)
    {
        if (Clock is not Microsoft.Extensions.Time.Testing.FakeTimeProvider fake) return Task.Delay(time);
        fake.Advance(time);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the referral's audit trail has <paramref name="count"/> entries of <paramref name="step"/>.</summary>
    public async Task WaitForAuditAsync(string referralId, AuditStep step, int count = 1)
    {
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        while ((await Records.ReadAuditAsync(referralId, guard.Token)).Count(entry => entry.Step == step) < count) await Task.Delay(10, guard.Token);
    }

    /// <summary>Waits until <paramref name="count"/> notices of <paramref name="kind"/> (its wire code) were sent for the referral.</summary>
    public async Task WaitForNoticeAsync(string referralId, string kind, int count = 1)
    {
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        while (EmailKinds(referralId).Count(sent => sent == kind) < count) await Task.Delay(10, guard.Token);
    }

    /// <summary>Waits until the orchestration has had <paramref name="count"/> results of <paramref name="activity"/>.</summary>
    public async Task WaitForActivityResultAsync(string referralId, string activity, int count = 1)
    {
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        while (true)
        {
            var history = await Host.HistoryAsync(referralId);
            var scheduled = history.Where(e => e.TaskScheduled?.Name == activity).Select(e => e.EventId).ToHashSet();
            if (history.Count(e => e.TaskCompleted is { } done && scheduled.Contains(done.TaskScheduledId)) >= count) return;
            await Task.Delay(10, guard.Token);
        }
    }

    public async Task<ReferralStatus> CompletionAsync(string referralId)
    {
        var metadata = await Host.CompletionAsync(referralId);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? metadata.ReadOutputAs<ReferralStatus>()
            : throw new InvalidOperationException($"{referralId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
    }

    /// <summary>Once the case is placed, its clinic ends care; the orchestration's result.</summary>
    public async Task<ReferralStatus> DischargeAsync(string referralId, DischargeReason reason = DischargeReason.Completed)
    {
        await WaitForStatusAsync(referralId, ReferralStatus.Placed);
        await Client.RaiseEventAsync(referralId, WorkflowEvents.CareEnded, new CareEnd(reason, "key:clinic-system"));
        return await CompletionAsync(referralId);
    }

    /// <summary>A coordinator closes the case; the orchestration's result.</summary>
    public async Task<ReferralStatus> CloseAsync(string referralId, CloseReason reason = CloseReason.Withdrawn)
    {
        await Client.RaiseEventAsync(referralId, WorkflowEvents.CaseClosed, new CaseClosure(reason, "user:coord-1"));
        return await CompletionAsync(referralId);
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
