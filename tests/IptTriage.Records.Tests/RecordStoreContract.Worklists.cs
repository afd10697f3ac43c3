using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>The worklists' counts and open emergencies (<c>GET /api/worklists</c>), the same on every store.</summary>
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task The_worklists_count_each_waiting_status_its_overdue_cases_and_the_assigned_ones()
    {
        var store = await ListedAsync(); // R-a review due T0+2h; R-b, R-e awaiting a clinic due T0+1h; R-d unplaced; R-c placed
        await store.AssignAsync("R-b", "alice", Assignment("R-b", "alice"));
        await store.AssignAsync("R-c", "alice", Assignment("R-c", "alice"));
        await store.AssignAsync("R-d", "bob", Assignment("R-d", "bob"));

        var summary = await store.SummarizeWorklistsAsync(T0.AddHours(1).AddMinutes(1), "alice", 10);

        summary.ByStatus.Should().BeEquivalentTo(new Dictionary<ReferralStatus, WorklistCount>
        {
            [ReferralStatus.Emergency] = new(0, 0),
            [ReferralStatus.AwaitingReview] = new(1, 0),
            [ReferralStatus.AwaitingClinic] = new(2, 2),
            [ReferralStatus.Unplaced] = new(1, 0),
        });
        summary.Assigned.Should().Be(new WorklistCount(2, 1));
        summary.Emergencies.Should().BeEmpty();
        (await store.SummarizeWorklistsAsync(T0.AddHours(3), null, 10)).Should().Match<WorklistSummary>(later =>
            later.Assigned == null && later.ByStatus[ReferralStatus.AwaitingReview] == new WorklistCount(1, 1));
    }

    [Fact]
    public async Task An_open_emergency_is_listed_with_its_alert_time_and_its_escalations_so_far()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("E-1", Urgency.Emergency, 5), ("E-2", Urgency.Emergency, 0), ("E-3", Urgency.Emergency, 10));
        await store.SetStatusAsync("E-1", ReferralStatus.Emergency, Step("E-1", T0.AddMinutes(6), AuditStep.Emergency), T0.AddMinutes(21));
        await store.SetStatusAsync("E-2", ReferralStatus.Emergency, Step("E-2", T0.AddMinutes(1), AuditStep.Emergency), T0.AddMinutes(16));
        await store.SetStatusAsync("E-3", ReferralStatus.Emergency, Step("E-3", T0.AddMinutes(11), AuditStep.Emergency), T0.AddMinutes(26));
        await store.AssignAsync("E-1", "carol", Assignment("E-1", "carol"));
        await Escalate(store, "E-1", 1, 2);
        await Escalate(store, "E-2", 1);
        await store.TryBeginNotificationAsync(new NotificationRecord("E-1/crisis-team-alert/0", "E-1", WireCodeOf(NotificationKind.CrisisTeamAlert), "h", DeliveryState.Pending, T0));
        // Acknowledged: no longer open, so neither counted nor listed.
        await store.SetStatusAsync("E-3", ReferralStatus.Placing, Step("E-3", T0.AddMinutes(12), AuditStep.CrisisAcknowledged));

        var summary = await store.SummarizeWorklistsAsync(T0.AddHours(1), null, 10);

        summary.ByStatus[ReferralStatus.Emergency].Count.Should().Be(2);
        summary.Emergencies.Should().Equal(
            new OpenEmergency("E-2", T0, T0.AddMinutes(1), 1, null, T0.AddMinutes(16)),
            new OpenEmergency("E-1", T0.AddMinutes(5), T0.AddMinutes(6), 2, "carol", T0.AddMinutes(21)));
        (await store.SummarizeWorklistsAsync(T0.AddHours(1), null, 1)).Should().Match<WorklistSummary>(limited =>
            limited.Emergencies.Count == 1 && limited.Emergencies[0].ReferralId == "E-2" && limited.ByStatus[ReferralStatus.Emergency].Count == 2);
    }

    /// <summary>Each escalation moves the emergency's due time to the next one, and the worklists show it; a case no
    /// longer in that status keeps the deadline its status set.</summary>
    [Fact]
    public async Task An_emergencys_due_time_follows_its_escalations_while_it_is_open()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("E-1", Urgency.Emergency, 0), ("E-2", Urgency.Emergency, 1));
        await store.SetStatusAsync("E-1", ReferralStatus.Emergency, Step("E-1", T0.AddMinutes(1), AuditStep.Emergency), T0.AddMinutes(16));
        await store.SetStatusAsync("E-2", ReferralStatus.Emergency, Step("E-2", T0.AddMinutes(2), AuditStep.Emergency), T0.AddMinutes(17));
        var before = (await store.FindAsync("E-1"))!;
        var audited = (await store.ReadAuditAsync("E-1")).Count;

        (await store.MoveDueAsync("E-1", ReferralStatus.Emergency, T0.AddMinutes(31))).Should().BeTrue();
        (await store.MoveDueAsync("E-1", ReferralStatus.Emergency, T0.AddMinutes(31))).Should().BeTrue("a rerun moves it to the same time");

        var moved = (await store.FindAsync("E-1"))!;
        moved.DueAt.Should().Be(T0.AddMinutes(31));
        moved.Should().BeEquivalentTo(before with { DueAt = T0.AddMinutes(31) }, "only the due time changes: status, last change and clinic stay");
        (await store.ReadAuditAsync("E-1")).Should().HaveCount(audited, "the notice that moved it is audited, not the move");
        (await store.SummarizeWorklistsAsync(T0.AddMinutes(20), null, 10)).Should().Match<WorklistSummary>(summary =>
            summary.Emergencies.Single(emergency => emergency.ReferralId == "E-1").NextEscalationAt == T0.AddMinutes(31)
            && summary.ByStatus[ReferralStatus.Emergency].Overdue == 1);
        (await store.QueryAsync(new ReferralQuery(ReferralSort.Due, 10, Status: ReferralStatus.Emergency))).Select(referral => referral.ReferralId)
            .Should().Equal(["E-2", "E-1"], "the due order follows the moved time");

        await store.SetStatusAsync("E-2", ReferralStatus.Placing, Step("E-2", T0.AddMinutes(3), AuditStep.CrisisAcknowledged));
        (await store.MoveDueAsync("E-2", ReferralStatus.Emergency, T0.AddMinutes(32))).Should().BeFalse("it was acknowledged first");
        (await store.FindAsync("E-2"))!.DueAt.Should().BeNull();
        (await store.MoveDueAsync("E-none", ReferralStatus.Emergency, T0)).Should().BeFalse();
    }

    private static async Task Escalate(IRecordStore store, string referralId, params int[] sequences)
    {
        foreach (var sequence in sequences)
        {
            await store.TryBeginNotificationAsync(new NotificationRecord(
                $"{referralId}/supervisor-escalation/{sequence}", referralId, WireCodeOf(NotificationKind.SupervisorEscalation), "h", DeliveryState.Pending, T0.AddMinutes(15 * sequence)));
        }
    }

    private static string WireCodeOf(NotificationKind kind) => IptTriage.Triage.WireCode.Of(kind);
}
