using IptTriage.Email;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Activities;

public sealed class SendNotificationTests
{
    [Fact]
    public async Task A_consenting_client_is_emailed_in_their_language_and_the_audit_holds_only_a_hash_of_the_address()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");

        var outcome = await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.ClientReceived));

        outcome.Should().Be(NotificationOutcome.Sent);
        var email = harness.Email.Sent.Single();
        email.To.Address.Should().Be("maria.santos@example.org");
        email.Subject.Should().Be("Hemos recibido su derivación");
        email.CustomArgs.Should().Equal(new Dictionary<string, string> { ["referralId"] = id, ["kind"] = "client-received" });
        var audit = (await harness.Records.ReadAuditAsync(id)).Last();
        audit.Should().BeEquivalentTo(new
        {
            Step = AuditStep.Notified, NotificationKind = NotificationKind.ClientReceived, NotificationSequence = 0, Detail = (string?)null,
            RecipientHash = harness.Hasher.Hash("maria.santos@example.org"),
        });
        (await harness.Records.ListNotificationsAsync(id)).Single().State.Should().Be(DeliveryState.Sent);
    }

    [Fact]
    public async Task A_notice_is_sent_once_however_often_its_activity_runs()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        var request = new NotificationRequest(id, NotificationKind.SupervisorEscalation, Sequence: 3);

        var first = await harness.Notify.RunAsync(request);
        var again = await harness.Notify.RunAsync(request);
        var next = await harness.Notify.RunAsync(request with { Sequence = 4 });

        (first, again, next).Should().Be((NotificationOutcome.Sent, NotificationOutcome.AlreadySent, NotificationOutcome.Sent));
        harness.Email.Sent.Should().HaveCount(2).And.OnlyContain(e => e.To.Address == harness.Options.SupervisorEmail);
    }

    /// <summary>An escalation that names the next one moves an open emergency's due time to it, and its audit entry
    /// says so; run late, after the case has moved on, it leaves the deadline of the status after it alone.</summary>
    [Fact]
    public async Task An_escalation_moves_an_open_emergencys_due_time_to_the_next_one_and_no_other_status_deadline()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        var entry = new AuditEntry(id, ActivityHarness.Now, AuditStep.Emergency, "system", []);
        await harness.Records.SetStatusAsync(id, ReferralStatus.Emergency, entry, ActivityHarness.Now.AddMinutes(15));
        var next = ActivityHarness.Now.AddMinutes(30);

        await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.SupervisorEscalation, 1, next.UtcDateTime));

        (await harness.Records.FindAsync(id))!.DueAt.Should().Be(next);
        (await harness.Records.ReadAuditAsync(id)).Last().Should().Match<AuditEntry>(escalated =>
            escalated.NotificationKind == NotificationKind.SupervisorEscalation && escalated.DueAt == next);

        var respondBy = ActivityHarness.Now.AddHours(24);
        await harness.Records.SetStatusAsync(id, ReferralStatus.AwaitingClinic, entry with { Step = AuditStep.Offered }, respondBy, "clinic-a");
        await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.SupervisorEscalation, 1, next.UtcDateTime));
        (await harness.Records.FindAsync(id))!.DueAt.Should().Be(respondBy, "a late rerun of the escalation does not touch the offer's deadline");
    }

    [Fact]
    public async Task A_send_interrupted_before_it_was_recorded_is_sent_again_rather_than_lost()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        await harness.Records.TryBeginNotificationAsync(new NotificationRecord($"{id}/referrer-received/0", id, "referrer-received", "h", DeliveryState.Pending, ActivityHarness.Now));

        var outcome = await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.ReferrerReceived));

        outcome.Should().Be(NotificationOutcome.Sent);
        harness.Email.Sent.Single().To.Address.Should().Be("referrals@riverside.example");
    }

    [Fact]
    public async Task Without_email_consent_the_client_gets_no_email_and_coordinators_get_a_phone_task()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json", form => form["client"]!["consent"]!["contactByEmail"] = false);

        var outcome = await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.ClientNextSteps));

        outcome.Should().Be(NotificationOutcome.Skipped);
        var task = harness.Email.Sent.Single();
        task.To.Address.Should().Be(harness.Options.CoordinatorsEmail);
        task.Subject.Should().Be($"Phone the client: referral {id}");
        (await harness.Records.ReadAuditAsync(id)).Select(a => (a.Step, a.NotificationKind)).Should().ContainInOrder(
            (AuditStep.NotificationSkipped, NotificationKind.ClientNextSteps), (AuditStep.Notified, NotificationKind.CoordinatorPhoneClient));
    }

    [Fact]
    public async Task A_permanent_failure_is_recorded_and_coordinators_are_alerted()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        harness.Email.FailWith = EmailSendResult.Permanent(400, "The to address is not valid", attempts: 1);

        var outcome = await harness.Notify.RunAsync(new NotificationRequest(id, NotificationKind.ClientReceived));

        outcome.Should().Be(NotificationOutcome.Failed);
        var log = await harness.Records.ListNotificationsAsync(id);
        log.Should().ContainSingle(n => n.Kind == "client-received").Which.Should().BeEquivalentTo(new { State = DeliveryState.Failed, FailureReason = "The to address is not valid" });
        harness.Email.Sent.Single().Subject.Should().Be($"Email delivery failed for referral {id}");
        (await harness.Records.ReadAuditAsync(id)).Should().Contain(a =>
            a.Step == AuditStep.NotificationFailed && a.NotificationKind == NotificationKind.ClientReceived && a.Detail == null);
    }

    [Fact]
    public async Task No_email_of_any_kind_carries_the_clients_name_address_birth_date_or_summary()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        await harness.Offer.RunAsync(new PlacementRequest(id, [], ActivityHarness.Now.UtcDateTime.AddHours(72)));

        foreach (var kind in Enum.GetValues<NotificationKind>())
            await harness.Notify.RunAsync(new NotificationRequest(id, kind));

        harness.Email.Sent.Should().HaveCount(Enum.GetValues<NotificationKind>().Length);
        var forbidden = new[] { "Maria", "Santos", "maria.santos", "1979-08-21", "husband", "Low mood" };
        foreach (var email in harness.Email.Sent)
            (email.Subject + email.Text + email.Html).Should().NotContainAny(forbidden, $"the {email.Categories[0]} email must stay minimum-necessary");
        (await harness.Records.ReadAuditAsync(id)).SelectMany(a => new[] { a.Detail ?? "", a.RecipientHash ?? "" })
            .Should().NotContain(text => forbidden.Any(text.Contains) || text.Contains('@'));
    }
}
