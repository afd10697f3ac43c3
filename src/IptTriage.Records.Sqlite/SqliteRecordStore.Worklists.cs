using IptTriage.Triage;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

public sealed partial class SqliteRecordStore
{
    public async Task<WorklistSummary> SummarizeWorklistsAsync(DateTimeOffset now, string? assignee, int emergencyLimit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: every count and row is of the same moment, so the tabs agree with each other.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var byStatus = new Dictionary<ReferralStatus, WorklistCount>();
        foreach (var status in WorklistSummary.Waiting)
        {
            var code = WireCode.Of(status);
            // Both counts are ranges of ix_referrals_status_due_order (status, due_rank, due_key): no row is read.
            byStatus[status] = new WorklistCount(
                await transaction.CountAsync("SELECT count(*) FROM referrals WHERE status = $status", cancellationToken, ("$status", code)),
                await transaction.CountAsync(
                    "SELECT count(*) FROM referrals WHERE status = $status AND due_rank = 0 AND due_key < $now",
                    cancellationToken, ("$status", code), ("$now", now.ToDb())));
        }
        WorklistCount? assigned = null;
        if (assignee is not null)
        {
            assigned = new WorklistCount(
                await transaction.CountAsync("SELECT count(*) FROM referrals WHERE assignee = $assignee", cancellationToken, ("$assignee", assignee)),
                await transaction.CountAsync(
                    "SELECT count(*) FROM referrals WHERE assignee = $assignee AND due_at < $now", cancellationToken, ("$assignee", assignee), ("$now", now.ToDb())));
        }
        return new WorklistSummary(byStatus, assigned, await OpenEmergenciesAsync(transaction, emergencyLimit, cancellationToken));
    }

    /// <summary>The oldest open emergencies, each with its own audit (the alert) and notification rows (the
    /// escalations), read through their referral-id indexes.</summary>
    private static async Task<List<OpenEmergency>> OpenEmergenciesAsync(SqliteTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(transaction.Connection!,
            """
            SELECT r.referral_id, r.received_at, r.assignee, r.due_at,
                   (SELECT min(a.at) FROM audit a WHERE a.referral_id = r.referral_id AND a.step = $alerted) AS alerted_at,
                   (SELECT count(*) FROM notifications n WHERE n.referral_id = r.referral_id AND n.kind = $escalation) AS escalations
            FROM referrals r WHERE r.status = $emergency
            ORDER BY r.received_at, r.referral_id LIMIT $limit
            """,
            ("$alerted", WireCode.Of(AuditStep.Emergency)), ("$escalation", WireCode.Of(NotificationKind.SupervisorEscalation)),
            ("$emergency", WireCode.Of(ReferralStatus.Emergency)), ("$limit", limit));
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var emergencies = new List<OpenEmergency>();
        while (await reader.ReadAsync(cancellationToken))
        {
            emergencies.Add(new OpenEmergency(
                reader.GetString(0), reader.GetTime("received_at"), reader.GetTimeOrNull("alerted_at"), reader.GetInt32(reader.GetOrdinal("escalations")),
                reader.GetStringOrNull("assignee"), reader.GetTimeOrNull("due_at")));
        }
        return emergencies;
    }
}
