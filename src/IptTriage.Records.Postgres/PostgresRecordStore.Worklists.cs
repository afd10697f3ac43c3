using System.Data;
using IptTriage.Triage;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Npgsql;
using static IptTriage.Records.Postgres.PostgresCommands;

namespace IptTriage.Records.Postgres;

public sealed partial class PostgresRecordStore
{
    public async Task<WorklistSummary> SummarizeWorklistsAsync(DateTimeOffset now, string? assignee, int emergencyLimit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot: every count and row is of the same moment, so the tabs agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var byStatus = new Dictionary<ReferralStatus, WorklistCount>();
        foreach (var status in WorklistSummary.Waiting)
        {
            var code = WireCode.Of(status);
            // Both counts are ranges of ix_referrals_status_due (schema v9), read by index-only scans.
            byStatus[status] = new WorklistCount(
                await CountAsync(connection, "SELECT count(*) FROM referrals WHERE status = @status", cancellationToken, Arg("status", code)),
                await CountAsync(connection, "SELECT count(*) FROM referrals WHERE status = @status AND due_at < @now",
                    cancellationToken, Arg("status", code), Arg("now", now)));
        }
        WorklistCount? assigned = null;
        if (assignee is not null)
        {
            assigned = new WorklistCount(
                await CountAsync(connection, "SELECT count(*) FROM referrals WHERE assignee = @assignee", cancellationToken, Arg("assignee", assignee)),
                await CountAsync(connection, "SELECT count(*) FROM referrals WHERE assignee = @assignee AND due_at < @now",
                    cancellationToken, Arg("assignee", assignee), Arg("now", now)));
        }
        var emergencies = await OpenEmergenciesAsync(connection, emergencyLimit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WorklistSummary(byStatus, assigned, emergencies);
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The oldest open emergencies, each with its own audit (the alert) and notification rows (the
    /// escalations), read through their referral-id indexes.</summary>
    private static async Task<List<OpenEmergency>> OpenEmergenciesAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            SELECT r.referral_id, r.received_at, r.assignee, r.due_at,
                   (SELECT min(a.at) FROM audit a WHERE a.referral_id = r.referral_id AND a.step = @alerted) AS alerted_at,
                   (SELECT count(*)::int FROM notifications n WHERE n.referral_id = r.referral_id AND n.kind = @escalation) AS escalations
            FROM referrals r WHERE r.status = @emergency
            ORDER BY r.received_at, r.referral_id LIMIT @limit
            """,
            Arg("alerted", WireCode.Of(AuditStep.Emergency)), Arg("escalation", WireCode.Of(NotificationKind.SupervisorEscalation)),
            Arg("emergency", WireCode.Of(ReferralStatus.Emergency)), Arg("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var emergencies = new List<OpenEmergency>();
        while (await reader.ReadAsync(cancellationToken))
        {
            emergencies.Add(new OpenEmergency(
                reader.Get<string>("referral_id"), reader.Get<DateTimeOffset>("received_at"), reader.GetTimeOrNull("alerted_at"),
                reader.Get<int>("escalations"), reader.GetOrNull<string>("assignee"), reader.GetTimeOrNull("due_at")));
        }
        return emergencies;
    }
}
