using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>Audit rows as the previous release (schema v1) wrote them, one of each kind whose detail text carried a
/// fact, for testing that schema v2 turns those facts into columns on either backend.</summary>
internal static class LegacyAuditRows
{
    public const int Count = 9;

    /// <param name="rules">How the backend writes a list of rule ids as an SQL literal.</param>
    public static string Insert(Func<string[], string> rules) => $"""
        INSERT INTO audit (referral_id, at, step, actor, rules, detail, recipient_hash, policy_version) VALUES
            ('R-1', '2026-11-02T10:15:00.0000000Z', 'screened', 'system', {rules(["EX-ACUTE-RISK", "FL-PHONE"])}, 'outcome routed, pathway ipt, urgency routine', NULL, '1.0.0'),
            ('R-1', '2026-11-02T10:16:00.0000000Z', 'offered', 'system', {rules([])}, 'offered to clinic northbridge-ipt; reply due 2026-11-05 10:16 UTC', NULL, NULL),
            ('R-1', '2026-11-02T10:17:00.0000000Z', 'notified', 'system', {rules([])}, 'clinic-case-offered sent by email', 'hmac-sha256:abc', NULL),
            ('R-1', '2026-11-02T10:18:00.0000000Z', 'clinic-response-reason', 'clinic:northbridge-ipt', {rules([])}, 'No Polish-speaking therapist this month.', NULL, NULL),
            ('R-1', '2026-11-02T10:19:00.0000000Z', 'clinic-declined', 'clinic:northbridge-ipt', {rules([])}, 'slot at clinic northbridge-ipt released', NULL, NULL),
            ('R-1', '2026-11-02T10:20:00.0000000Z', 'notification-failed', 'system', {rules([])}, 'client-received not delivered after 3 attempt(s): bounced', 'hmac-sha256:def', NULL),
            ('R-1', '2026-11-02T10:21:00.0000000Z', 'notification-skipped', 'system', {rules([])}, 'client-next-steps: the client has no email address or did not consent to email; a coordinator phones', NULL, NULL),
            ('R-1', '2026-11-02T10:22:00.0000000Z', 'placed-manually', 'coordinator:c-1', {rules([])}, 'placed with clinic lumen-telehealth by hand', NULL, NULL),
            ('R-1', '2026-11-02T10:23:00.0000000Z', 'clinic-accepted', 'clinic:harbour-crisis', {rules([])}, 'placed with clinic harbour-crisis', NULL, NULL);
        """;

    public static void ShouldHaveTheirFactsCoded(IReadOnlyList<AuditEntry> audit)
    {
        audit.Select(a => (a.Step, a.ClinicId, a.NotificationKind)).Should().Equal(
            (AuditStep.Screened, null, null),
            (AuditStep.Offered, "northbridge-ipt", null),
            (AuditStep.Notified, null, NotificationKind.ClinicCaseOffered),
            (AuditStep.ClinicResponseReason, "northbridge-ipt", null),
            (AuditStep.ClinicDeclined, "northbridge-ipt", null),
            (AuditStep.NotificationFailed, null, NotificationKind.ClientReceived),
            (AuditStep.NotificationSkipped, null, NotificationKind.ClientNextSteps),
            (AuditStep.PlacedManually, "lumen-telehealth", null),
            (AuditStep.ClinicAccepted, "harbour-crisis", null));
        audit[1].DueAt.Should().Be(new DateTimeOffset(2026, 11, 5, 10, 16, 0, TimeSpan.Zero));
        audit[0].Should().BeEquivalentTo(
            new { Rules = new[] { "EX-ACUTE-RISK", "FL-PHONE" }, PolicyVersion = "1.0.0", Detail = "outcome routed, pathway ipt, urgency routine" },
            "what was written stays as it was written");
        audit[3].Detail.Should().Be("No Polish-speaking therapist this month.");
        audit[2].RecipientHash.Should().Be("hmac-sha256:abc");
        audit.Select(a => a.At).Should().BeInAscendingOrder("the entries keep the order they were written in");
    }
}
