using IptTriage.Triage.Decisions;
using IptTriage.Email;
using IptTriage.Workflow;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>The real <see cref="SendNotification"/> activity over a backend's store, with the process "dying" right
/// after the provider accepted an email and before anything was recorded: the run that follows (activities run at
/// least once) leaves exactly one log row and one audit entry for it.</summary>
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task An_email_sent_just_before_a_crash_ends_with_one_log_row_and_one_audit_entry_after_the_retry()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("R-1", Urgency.Routine, 0));
        var email = new CrashAfterSendingOnce();
        var activity = Activity(store, email);
        var request = new NotificationRequest("R-1", NotificationKind.SupervisorEscalation, Sequence: 1);

        var crashed = () => activity.RunAsync(request);
        await crashed.Should().ThrowAsync<ProcessDied>();
        (await store.ReadAuditAsync("R-1")).Should().NotContain(a => a.Step == AuditStep.Notified, "the crash came before any record");

        (await activity.RunAsync(request)).Should().Be(NotificationOutcome.Sent);
        (await activity.RunAsync(request)).Should().Be(NotificationOutcome.AlreadySent);

        email.Sends.Should().Be(2, "delivery is at least once: the crashed run's email went out and the retry sent it again");
        (await store.ListNotificationsAsync("R-1")).Should().ContainSingle().Which.State.Should().Be(DeliveryState.Sent);
        (await store.ReadAuditAsync("R-1")).Where(a => a.Step == AuditStep.Notified).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { NotificationKind = NotificationKind.SupervisorEscalation, NotificationSequence = 1 });
    }

    /// <summary>Marks a claimed notification sent behind the store's back, leaving it without an audit entry, as the
    /// previous release did when it crashed between writing the two.</summary>
    protected abstract Task MarkSentBehindTheStoreAsync(string key);

    [Fact]
    public async Task A_retry_that_finds_an_email_sent_without_its_audit_entry_adds_the_entry_and_does_not_send_again()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("R-1", Urgency.Routine, 0));
        var email = new CrashAfterSendingOnce();
        var activity = Activity(store, email);
        var request = new NotificationRequest("R-1", NotificationKind.SupervisorEscalation, Sequence: 2);
        await store.TryBeginNotificationAsync(new NotificationRecord("R-1/supervisor-escalation/2", "R-1", "supervisor-escalation", "hmac-sha256:abc", DeliveryState.Pending, T0));
        await MarkSentBehindTheStoreAsync("R-1/supervisor-escalation/2");

        (await activity.RunAsync(request)).Should().Be(NotificationOutcome.AlreadySent);
        (await activity.RunAsync(request)).Should().Be(NotificationOutcome.AlreadySent);

        email.Sends.Should().Be(0);
        (await store.ReadAuditAsync("R-1")).Where(a => a.Step == AuditStep.Notified).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { NotificationKind = NotificationKind.SupervisorEscalation, NotificationSequence = 2, RecipientHash = "hmac-sha256:abc" });
    }

    private static SendNotification Activity(IRecordStore store, IEmailSender email) =>
        new(store, ClinicDirectory.Load(new MemoryStream("{\"clinics\":[]}"u8.ToArray()), "no clinics"),
            NotificationTemplates.LoadBundled(), email, new RecipientHasher("test-key"u8.ToArray()), new WorkflowOptions(), new FixedTime(T0));

    private sealed class ProcessDied : Exception;

    /// <summary>A provider that accepts every email; the first time, the process dies as the acceptance comes back.</summary>
    private sealed class CrashAfterSendingOnce : IEmailSender
    {
        public int Sends { get; private set; }

        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (++Sends == 1) throw new ProcessDied();
            return Task.FromResult(EmailSendResult.Sent($"msg-{Sends}", attempts: 1));
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
