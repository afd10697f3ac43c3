using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IptTriage.Email;
using IptTriage.Records.Sqlite;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Clinics;
using Microsoft.Data.Sqlite;

namespace IptTriage.Workflow.Tests.Activities;

/// <summary>The activities wired as the hosts wire them, over a real SQLite file; only email delivery is recorded
/// in memory (the email senders have their own tests against a real HTTP endpoint and a real outbox).</summary>
internal sealed class ActivityHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 20, 0, TimeSpan.Zero);

    private readonly string directory = Directory.CreateTempSubdirectory("iptriage-activities-").FullName;

    private ActivityHarness(SqliteRecordStore records) => Records = records;

    public SqliteRecordStore Records { get; private set; }

    public ClinicDirectory Clinics { get; } = BundledDirectory.Load();

    public RecordingEmailSender Email { get; } = new();

    public RecipientHasher Hasher { get; } = new("test-key"u8.ToArray());

    public WorkflowOptions Options { get; } = new();

    public TimeProvider Time { get; } = new FixedTime(Now);

    public static async Task<ActivityHarness> CreateAsync()
    {
        var harness = new ActivityHarness(null!);
        harness.Records = await SqliteRecordStore.OpenAsync(Path.Combine(harness.directory, "records.db"));
        return harness;
    }

    public ScreenReferral Screen => new(Records, PolicyFile.LoadDefault(), Time);

    public SendNotification Notify => new(Records, Clinics, NotificationTemplates.LoadBundled(), Email, Hasher, Options, Time);

    public OfferToNextClinic Offer => new(Records, Clinics, Time);

    public static byte[] Form(string name, Action<JsonObject>? change = null)
    {
        var form = JsonNode.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Forms", name)))!.AsObject();
        change?.Invoke(form);
        return System.Text.Encoding.UTF8.GetBytes(form.ToJsonString());
    }

    /// <summary>Stores a form and screens it, as intake and step 3 do.</summary>
    public async Task<string> ScreenedAsync(string name, Action<JsonObject>? change = null)
    {
        var bytes = Form(name, change);
        var id = JsonNode.Parse(bytes)!["referralId"]!.GetValue<string>();
        await Records.AddAsync(new NewReferral(id, Now, bytes));
        await Screen.RunAsync(id);
        return id;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailHold> holds = new();
    private readonly ConcurrentDictionary<string, int> sendsByKind = new(StringComparer.Ordinal);

    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    /// <summary>When set, answers instead of sending, as a provider refusing the message would.</summary>
    public EmailSendResult? FailWith { get; set; }

    /// <summary>Keeps the <paramref name="occurrence"/>th notice of <paramref name="kind"/> in the provider until the test
    /// releases it, as a slow provider would: the orchestration waits on that step while the test acts, so what the
    /// test does lands at a known point of the workflow however fast the host runs.</summary>
    public EmailHold Hold(string kind, int occurrence = 1)
    {
        var hold = new EmailHold(kind, occurrence);
        holds.Enqueue(hold);
        return hold;
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure && !message.Subject.StartsWith("Email delivery failed", StringComparison.Ordinal)) return failure;
        var kind = message.CustomArgs.GetValueOrDefault("kind") ?? "";
        var occurrence = sendsByKind.AddOrUpdate(kind, 1, (_, count) => count + 1);
        if (holds.FirstOrDefault(h => h.Kind == kind && h.Occurrence == occurrence) is { } hold) await hold.KeepAsync();
        Sent.Enqueue(message);
        return EmailSendResult.Sent($"msg-{Sent.Count}", attempts: 1);
    }
}

internal sealed class EmailHold(string kind, int occurrence)
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Kind => kind;

    public int Occurrence => occurrence;

    /// <summary>Completes when the held notice reaches the provider.</summary>
    public Task Reached => reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public void Release() => released.TrySetResult();

    internal Task KeepAsync()
    {
        reached.TrySetResult();
        return released.Task;
    }
}
