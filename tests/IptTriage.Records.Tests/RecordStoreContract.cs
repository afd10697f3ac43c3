using System.Text;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>What every record store must do; each backend runs this same suite against a real database.</summary>
public abstract partial class RecordStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 15, 0, TimeSpan.Zero);

    /// <summary>Spacing and key order that a JSON-normalising column (jsonb) would not keep.</summary>
    private const string DecisionJson = "{\"z\": 1,  \"a\":[\"é\"]}";

    /// <summary>A fresh, empty store; each call in one test returns a new client of the same database.</summary>
    protected abstract Task<IRecordStore> OpenAsync();

    private static AuditEntry Step(string referralId, DateTimeOffset at, AuditStep step = AuditStep.ReviewRequested) =>
        new(referralId, at, step, Actors.System, []);

    private static TriageDecision Decision(Urgency urgency, Pathway pathway = Pathway.Ipt, Modality? modality = null, params Adaptation[] adaptations) =>
        new("R-1", "1.0.0", Outcome.Routed, pathway, modality, adaptations, urgency, [], [], [], null, [], []);

    private static async Task<IRecordStore> WithReferralsAsync(IRecordStore store, params (string Id, Urgency Urgency, int MinutesAfterT0)[] referrals)
    {
        foreach (var (id, urgency, minutes) in referrals)
        {
            await store.AddAsync(new NewReferral(id, T0.AddMinutes(minutes), "{}"u8.ToArray()));
            await store.RecordDecisionAsync(id, Decision(urgency) with { ReferralId = id }, "{}", ReferralStatus.AwaitingReview, Step(id, T0.AddMinutes(minutes), AuditStep.Screened));
        }
        return store;
    }

    [Fact]
    public async Task A_referral_is_stored_once_with_its_form_byte_for_byte()
    {
        var store = await OpenAsync();
        var form = Encoding.UTF8.GetBytes("{\"referralId\":\"R-1\", \"client\":{\"givenName\":\"Zoë\"}}");

        (await store.AddAsync(new NewReferral("R-1", T0, form))).Should().Be(IntakeResult.Added);
        (await store.AddAsync(new NewReferral("R-1", T0.AddHours(1), "{}"u8.ToArray()))).Should().Be(IntakeResult.AlreadyExists);

        (await store.ReadFormAsync("R-1")).Should().Equal(form);
        var record = await store.FindAsync("R-1");
        record!.Status.Should().Be(ReferralStatus.Received);
        record.ReceivedAt.Should().Be(T0);
        record.Routing.Should().BeNull();
        (await store.FindAsync("R-2")).Should().BeNull();
    }

    [Fact]
    public async Task A_decision_records_routing_and_keeps_its_json()
    {
        var store = await OpenAsync();
        await store.AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()));

        await store.RecordDecisionAsync("R-1", Decision(Urgency.Urgent, Pathway.IptWithMedication, null, Adaptation.Ipsrt, Adaptation.IptA), DecisionJson, ReferralStatus.Screened, Step("R-1", T0.AddSeconds(1), AuditStep.Screened));

        var record = await store.FindAsync("R-1");
        record!.Status.Should().Be(ReferralStatus.Screened);
        record.DecisionJson.Should().Be(DecisionJson, "the decision is kept as the policy wrote it, spacing and key order included");
        record.Routing.Should().BeEquivalentTo(new Routing(Outcome.Routed, Pathway.IptWithMedication, null, [Adaptation.Ipsrt, Adaptation.IptA], Urgency.Urgent, "1.0.0"));
        record.UpdatedAt.Should().Be(T0.AddSeconds(1));
        (await store.ReadAuditAsync("R-1")).Select(entry => entry.Step).Should().Equal([AuditStep.Screened], "the decision and its audit entry are written together");
    }

    [Fact]
    public async Task Only_an_invalid_referral_takes_a_resubmitted_form()
    {
        var store = await OpenAsync();
        await store.AddAsync(new NewReferral("R-invalid", T0, "{"u8.ToArray()));
        await store.SetStatusAsync("R-invalid", ReferralStatus.Invalid, Step("R-invalid", T0));
        await WithReferralsAsync(store, ("R-screened", Urgency.Routine, 0));
        var corrected = "{\"fixed\":true}"u8.ToArray();

        (await store.ResubmitInvalidAsync(new NewReferral("R-invalid", T0.AddHours(1), corrected))).Should().BeTrue();
        (await store.ResubmitInvalidAsync(new NewReferral("R-screened", T0.AddHours(1), corrected))).Should().BeFalse();
        (await store.ResubmitInvalidAsync(new NewReferral("R-unknown", T0.AddHours(1), corrected))).Should().BeFalse();

        (await store.ReadFormAsync("R-invalid")).Should().Equal(corrected);
        var resubmitted = await store.FindAsync("R-invalid");
        resubmitted!.Status.Should().Be(ReferralStatus.Received);
        resubmitted.ReceivedAt.Should().Be(T0.AddHours(1));
        (await store.ReadFormAsync("R-screened")).Should().Equal("{}"u8.ToArray());
        (await store.FindAsync("R-screened"))!.Routing.Should().NotBeNull();
        (await store.FindAsync("R-unknown")).Should().BeNull();
    }

    [Fact]
    public async Task Status_changes_keep_the_clinic_until_another_is_named()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("R-1", Urgency.Routine, 0));

        await store.SetStatusAsync("R-1", ReferralStatus.AwaitingClinic, Step("R-1", T0.AddMinutes(1), AuditStep.Offered), T0.AddHours(72), "clinic-a");
        await store.SetStatusAsync("R-1", ReferralStatus.Placed, Step("R-1", T0.AddMinutes(2), AuditStep.ClinicAccepted));

        var record = await store.FindAsync("R-1");
        record!.Status.Should().Be(ReferralStatus.Placed);
        record.ClinicId.Should().Be("clinic-a");
        record.DueAt.Should().BeNull();
        record.UpdatedAt.Should().Be(T0.AddMinutes(2));
        (await store.ReadAuditAsync("R-1")).Select(entry => entry.Step).Should().Equal(AuditStep.Screened, AuditStep.Offered, AuditStep.ClinicAccepted);
    }

    [Fact]
    public async Task Updating_an_unknown_referral_says_which()
    {
        var store = await OpenAsync();

        var update = () => store.SetStatusAsync("R-404", ReferralStatus.Placed, Step("R-404", T0));
        var decide = () => store.RecordDecisionAsync("R-404", Decision(Urgency.Routine), "{}", ReferralStatus.Screened, Step("R-404", T0, AuditStep.Screened));

        await update.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*'R-404'*");
        await decide.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*'R-404'*");
        (await store.ReadAuditAsync("R-404")).Should().BeEmpty("a change and its audit entry are written together or not at all");
    }

    [Fact]
    public async Task An_override_to_an_alternative_service_drops_ipt_adaptations()
    {
        var store = await OpenAsync();
        await store.AddAsync(new NewReferral("R-1", T0, "{}"u8.ToArray()));
        await store.RecordDecisionAsync("R-1", Decision(Urgency.Routine, Pathway.Ipt, null, Adaptation.IptA), "{}", ReferralStatus.AwaitingReview, Step("R-1", T0, AuditStep.Screened));

        await store.OverrideRoutingAsync("R-1", Pathway.IptWithMedication, null, T0.AddMinutes(30));
        (await store.FindAsync("R-1"))!.Routing!.Adaptations.Should().Equal([Adaptation.IptA], "another IPT pathway keeps them");

        await store.OverrideRoutingAsync("R-1", Pathway.Alternative, Modality.Cbt, T0.AddHours(1));

        var routing = (await store.FindAsync("R-1"))!.Routing!;
        routing.Pathway.Should().Be(Pathway.Alternative);
        routing.Modality.Should().Be(Modality.Cbt);
        routing.Adaptations.Should().BeEmpty();
    }

    [Fact]
    public async Task The_worklist_is_most_urgent_first_then_oldest()
    {
        var store = await WithReferralsAsync(await OpenAsync(),
            ("R-routine-old", Urgency.Routine, 0), ("R-urgent-new", Urgency.Urgent, 30), ("R-urgent-old", Urgency.Urgent, 10), ("R-routine-new", Urgency.Routine, 40));
        await store.SetStatusAsync("R-routine-new", ReferralStatus.Placing, Step("R-routine-new", T0.AddHours(1)));

        var worklist = await store.ListAsync(ReferralStatus.AwaitingReview);

        worklist.Select(r => r.ReferralId).Should().Equal("R-urgent-old", "R-urgent-new", "R-routine-old");
    }

    [Fact]
    public async Task Audit_entries_read_back_in_the_order_written()
    {
        var store = await OpenAsync();
        var first = new AuditEntry("R-1", T0, AuditStep.Screened, Actors.System, ["EX-ACUTE-RISK", "FL-PHONE"], PolicyVersion: "1.0.0")
        {
            Outcome = Outcome.Routed, Pathway = Pathway.Alternative, Modality = Modality.CrisisServices, Urgency = Urgency.Emergency,
        };
        var second = new AuditEntry("R-1", T0.AddSeconds(1), AuditStep.Notified, Actors.System, [], RecipientHash: "hmac-sha256:abc")
        {
            NotificationKind = NotificationKind.ClinicCaseOffered, NotificationSequence = 2, ClinicId = "clinic-a",
        };
        var third = new AuditEntry("R-1", T0.AddSeconds(2), AuditStep.ReviewDecided, Actors.User("c-1"), [], "Spoke with the GP.")
        {
            ReviewChoice = ReviewChoice.Override, Pathway = Pathway.Ipt, DueAt = T0.AddHours(4),
        };

        var closed = new AuditEntry("R-1", T0.AddSeconds(3), AuditStep.CaseClosed, Actors.User("c-1"), []) { CloseReason = CloseReason.MovedAway, ClinicId = "clinic-a" };
        var discharged = new AuditEntry("R-1", T0.AddSeconds(4), AuditStep.CareEnded, Actors.Key("clinic-a"), []) { DischargeReason = DischargeReason.Disengaged };

        await store.AppendAuditAsync(first);
        await store.AppendAuditAsync(second);
        await store.AppendAuditAsync(third);
        await store.AppendAuditAsync(closed);
        await store.AppendAuditAsync(discharged);
        await store.AppendAuditAsync(first with { ReferralId = "R-2" });

        (await store.ReadAuditAsync("R-1")).Should().BeEquivalentTo([first, second, third, closed, discharged], options => options.WithStrictOrdering(),
            "every coded field is kept and read back");
    }

    [Fact]
    public async Task A_clinic_never_holds_more_cases_than_its_capacity()
    {
        var store = await OpenAsync();

        (await store.TryReserveAsync("clinic-a", "R-1", 2, T0)).Should().BeTrue();
        (await store.TryReserveAsync("clinic-a", "R-1", 2, T0)).Should().BeTrue("reserving again for the same referral keeps its slot");
        (await store.TryReserveAsync("clinic-a", "R-2", 2, T0)).Should().BeTrue();
        (await store.TryReserveAsync("clinic-a", "R-3", 2, T0)).Should().BeFalse();
        (await store.TryReserveAsync("clinic-a", "R-2", 2, T0)).Should().BeTrue("a full clinic still holds the slots it gave");
        (await store.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["clinic-a"] = 2 });

        await store.ReleaseAsync("clinic-a", "R-1");

        (await store.TryReserveAsync("clinic-a", "R-3", 2, T0)).Should().BeTrue();
        (await store.SlotsInUseAsync())["clinic-a"].Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_reservations_from_several_clients_never_overbook()
    {
        var clients = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => clients[i % clients.Length].TryReserveAsync("clinic-a", $"R-{i}", 5, T0))));

        results.Count(reserved => reserved).Should().Be(5);
        (await clients[0].SlotsInUseAsync())["clinic-a"].Should().Be(5);
    }

    [Fact]
    public async Task A_notification_key_is_claimed_once_so_a_retried_activity_does_not_send_twice()
    {
        var store = await OpenAsync();
        var record = new NotificationRecord("R-1/client-received", "R-1", "client-received", "hmac-sha256:abc", DeliveryState.Pending, T0);

        (await store.TryBeginNotificationAsync(record)).Should().BeTrue();
        (await store.TryBeginNotificationAsync(record with { At = T0.AddMinutes(1) })).Should().BeFalse();
        await store.CompleteNotificationAsync(record.Key, DeliveryState.Sent, T0.AddSeconds(2), "msg-7", null, Notified("R-1", NotificationKind.ClientReceived, 0));

        (await store.FindNotificationAsync(record.Key)).Should().Be(record with { State = DeliveryState.Sent, At = T0.AddSeconds(2), ProviderMessageId = "msg-7" });
        (await store.ListNotificationsAsync("R-1")).Should().ContainSingle();
        (await store.ListNotificationsAsync("R-2")).Should().BeEmpty();
    }

    private static AuditEntry Notified(string referralId, NotificationKind kind, int sequence, AuditStep step = AuditStep.Notified) =>
        new(referralId, T0.AddSeconds(2), step, Actors.System, [], RecipientHash: "hmac-sha256:abc") { NotificationKind = kind, NotificationSequence = sequence };

    [Fact]
    public async Task A_notifications_outcome_and_its_audit_entry_are_one_fact_and_completing_again_adds_nothing()
    {
        var store = await OpenAsync();
        var record = new NotificationRecord("R-1/client-received/1", "R-1", "client-received", "hmac-sha256:abc", DeliveryState.Pending, T0);
        await store.TryBeginNotificationAsync(record);
        var entry = Notified("R-1", NotificationKind.ClientReceived, 1);

        await store.CompleteNotificationAsync(record.Key, DeliveryState.Sent, T0.AddSeconds(2), "msg-1", null, entry);
        // A retry that finds it sent, and one that (wrongly) reports another outcome: neither changes what happened.
        await store.CompleteNotificationAsync(record.Key, DeliveryState.Sent, T0.AddSeconds(2), "msg-1", null, entry with { At = T0.AddMinutes(1) });
        await store.CompleteNotificationAsync(record.Key, DeliveryState.Failed, T0.AddMinutes(2), null, "bounced",
            Notified("R-1", NotificationKind.ClientReceived, 1, AuditStep.NotificationFailed));

        (await store.FindNotificationAsync(record.Key)).Should().Be(record with { State = DeliveryState.Sent, At = T0.AddSeconds(2), ProviderMessageId = "msg-1" });
        (await store.ReadAuditAsync("R-1")).Should().BeEquivalentTo([entry], "a notification has exactly one entry saying how it went");
    }

    [Fact]
    public async Task Completing_a_notification_found_sent_without_its_entry_adds_the_missing_entry()
    {
        var store = await OpenAsync();
        await store.TryBeginNotificationAsync(new NotificationRecord("R-1/client-received/0", "R-1", "client-received", "hmac-sha256:abc", DeliveryState.Pending, T0));
        await store.TryBeginNotificationAsync(new NotificationRecord("R-1/client-received/1", "R-1", "client-received", "hmac-sha256:abc", DeliveryState.Pending, T0));
        // Sequence 0 is sent and audited; sequence 1 is the same kind, so only the sequence tells the two apart.
        await store.CompleteNotificationAsync("R-1/client-received/0", DeliveryState.Sent, T0.AddSeconds(1), "msg-0", null, Notified("R-1", NotificationKind.ClientReceived, 0));
        await store.CompleteNotificationAsync("R-1/client-received/1", DeliveryState.Sent, T0.AddSeconds(2), "msg-1", null, Notified("R-1", NotificationKind.ClientReceived, 1));

        (await store.ReadAuditAsync("R-1")).Select(a => a.NotificationSequence).Should().Equal(0, 1);
    }
}
