using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>The record store in one SQLite file (WAL). Safe for concurrent use within and across processes.</summary>
public sealed class SqliteRecordStore : IRecordStore
{
    private const string ReferralColumns =
        "referral_id, status, received_at, updated_at, outcome, pathway, modality, adaptations, urgency, policy_version, decision_json, clinic_id, due_at";

    private readonly SqliteDatabase database;

    private SqliteRecordStore(SqliteDatabase database) => this.database = database;

    public static async Task<SqliteRecordStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var database = new SqliteDatabase(path);
        await database.MigrateAsync(cancellationToken);
        return new SqliteRecordStore(database);
    }

    public async Task<IntakeResult> AddAsync(NewReferral referral, CancellationToken cancellationToken = default)
    {
        var at = referral.ArrivedAt.ToDb();
        var inserted = await database.ExecuteAsync(
            "INSERT INTO referrals (referral_id, status, received_at, updated_at, form, source, source_media_type) VALUES ($id, $status, $at, $at, $form, $source, $sourceType) ON CONFLICT (referral_id) DO NOTHING",
            cancellationToken, ("$id", referral.ReferralId), ("$status", WireCode.Of(ReferralStatus.Received)), ("$at", at), ("$form", referral.Form.ToArray()),
            ("$source", referral.Source?.Content), ("$sourceType", referral.Source?.MediaType));
        return inserted == 1 ? IntakeResult.Added : IntakeResult.AlreadyExists;
    }

    public async Task<bool> ResubmitInvalidAsync(NewReferral referral, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            """
            UPDATE referrals SET status = $received, received_at = $at, updated_at = $at, form = $form, source = $source, source_media_type = $sourceType, outcome = NULL, pathway = NULL,
                modality = NULL, adaptations = NULL, urgency = NULL, policy_version = NULL, decision_json = NULL
            WHERE referral_id = $id AND status = $invalid
            """,
            cancellationToken, ("$id", referral.ReferralId), ("$received", WireCode.Of(ReferralStatus.Received)), ("$invalid", WireCode.Of(ReferralStatus.Invalid)),
            ("$at", referral.ArrivedAt.ToDb()), ("$form", referral.Form.ToArray()), ("$source", referral.Source?.Content), ("$sourceType", referral.Source?.MediaType)) == 1;

    public async Task<ReferralRecord?> FindAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {ReferralColumns} FROM referrals WHERE referral_id = $id", ReadReferral, cancellationToken, ("$id", referralId)))
        .SingleOrDefault();

    public async Task<byte[]?> ReadFormAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT form FROM referrals WHERE referral_id = $id", reader => (byte[])reader["form"], cancellationToken, ("$id", referralId)))
        .SingleOrDefault();

    public async Task<ReferralSource?> ReadSourceAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync(
            "SELECT source, source_media_type FROM referrals WHERE referral_id = $id AND source IS NOT NULL",
            reader => new ReferralSource((string)reader["source_media_type"], (byte[])reader["source"]), cancellationToken, ("$id", referralId)))
        .SingleOrDefault();

    public Task RecordDecisionAsync(string referralId, TriageDecision decision, string decisionJson, ReferralStatus status, AuditEntry entry, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync(
            """
            UPDATE referrals SET status = $status, updated_at = $at, outcome = $outcome, pathway = $pathway, modality = $modality,
                adaptations = $adaptations, urgency = $urgency, policy_version = $policy, decision_json = $json
            WHERE referral_id = $id
            """,
            referralId, entry, cancellationToken,
            ("$status", WireCode.Of(status)), ("$at", entry.At.ToDb()), ("$outcome", WireCode.Of(decision.Outcome)),
            ("$pathway", decision.Pathway is { } pathway ? WireCode.Of(pathway) : null),
            ("$modality", decision.Modality is { } modality ? WireCode.Of(modality) : null),
            ("$adaptations", string.Join(' ', decision.Adaptations.Select(WireCode.Of))),
            ("$urgency", WireCode.Of(decision.Urgency)), ("$policy", decision.PolicyVersion), ("$json", decisionJson));

    public Task SetStatusAsync(string referralId, ReferralStatus status, AuditEntry entry, DateTimeOffset? dueAt = null, string? clinicId = null, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync(
            "UPDATE referrals SET status = $status, updated_at = $at, due_at = $due, clinic_id = coalesce($clinic, clinic_id) WHERE referral_id = $id",
            referralId, entry, cancellationToken,
            ("$status", WireCode.Of(status)), ("$at", entry.At.ToDb()), ("$due", dueAt.ToDb()), ("$clinic", clinicId));

    /// <summary>Updates the referral and appends <paramref name="entry"/> in one transaction: no reader sees the
    /// change without the audit entry that explains it.</summary>
    private async Task UpdateWithAuditAsync(string update, string referralId, AuditEntry entry, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteCommands.Create(connection, update, [("$id", referralId), .. parameters]);
        command.Transaction = transaction;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) throw new KeyNotFoundException($"No referral with id '{referralId}'.");
        await using var audit = SqliteCommands.Create(connection, InsertAudit, AuditParameters(entry));
        audit.Transaction = transaction;
        await audit.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task OverrideRoutingAsync(string referralId, Pathway pathway, Modality? modality, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(
            // Adaptations belong to IPT pathways only; an override to an alternative service drops them.
            "UPDATE referrals SET pathway = $pathway, modality = $modality, adaptations = CASE WHEN $modality IS NULL THEN adaptations ELSE '' END, updated_at = $at WHERE referral_id = $id",
            referralId, cancellationToken, ("$pathway", WireCode.Of(pathway)), ("$modality", modality is { } m ? WireCode.Of(m) : null), ("$at", at.ToDb()));

    public async Task<IReadOnlyList<ReferralRecord>> ListAsync(ReferralStatus status, CancellationToken cancellationToken = default) =>
        await database.QueryAsync(
            $"""
            SELECT {ReferralColumns} FROM referrals WHERE status = $status
            ORDER BY CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, received_at, referral_id
            """,
            ReadReferral, cancellationToken, ("$status", WireCode.Of(status)));

    public async Task<IReadOnlyList<ReferralRecord>> QueryAsync(ReferralQuery query, CancellationToken cancellationToken = default)
    {
        var (rank, at) = SortKey(query.Sort);
        // Received order has no rank: ordering and paging on (received_at, referral_id) alone uses its index.
        var key = rank is null ? $"{at}, referral_id" : $"{rank}, {at}, referral_id";
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("$limit", query.Limit) };
        void Filter(string condition, string name, object? value)
        {
            where.Add(condition);
            parameters.Add((name, value));
        }
        if (query.Status is { } status) Filter("status = $status", "$status", WireCode.Of(status));
        if (query.Urgency is { } urgency) Filter("urgency = $urgency", "$urgency", WireCode.Of(urgency));
        if (query.Pathway is { } pathway) Filter("pathway = $pathway", "$pathway", WireCode.Of(pathway));
        if (query.ClinicId is { } clinicId) Filter("clinic_id = $clinic", "$clinic", clinicId);
        if (query.OverdueAt is { } now) Filter("due_at < $now", "$now", now.ToDb());
        if (query.ReceivedFrom is { } from) Filter("received_at >= $from", "$from", from.ToDb());
        if (query.ReceivedTo is { } to) Filter("received_at < $to", "$to", to.ToDb());
        if (query.After is { } after)
        {
            where.Add(rank is null ? $"({key}) > ($kat, $kid)" : $"({key}) > ($krank, $kat, $kid)");
            parameters.AddRange([("$krank", after.Rank), ("$kat", after.At.ToDb()), ("$kid", after.ReferralId)]);
        }
        return await database.QueryAsync(
            $"""
            SELECT {ReferralColumns} FROM referrals {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY {key} LIMIT $limit
            """,
            ReadReferral, cancellationToken, [.. parameters]);
    }

    /// <summary>The SQL of <see cref="ReferralQuery.KeyOf"/>: its rank and time, before the referral id.</summary>
    private static (string? Rank, string At) SortKey(ReferralSort sort) => sort switch
    {
        ReferralSort.Due => ("(CASE WHEN due_at IS NULL THEN 1 ELSE 0 END)", "coalesce(due_at, received_at)"),
        ReferralSort.Urgency => ("(CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END)", "received_at"),
        _ => (null, "received_at"),
    };

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(InsertAudit, cancellationToken, AuditParameters(entry));

    private const string InsertAudit =
        """
        INSERT INTO audit (referral_id, at, step, actor, rules, detail, recipient_hash, policy_version, clinic_id, notification_kind,
            notification_sequence, due_at, outcome, pathway, modality, urgency, review_choice)
        VALUES ($rid, $aat, $step, $actor, $rules, $detail, $hash, $policy, $aclinic, $nkind, $nseq, $adue, $aoutcome, $apathway, $amodality, $aurgency, $areview)
        """;

    private static (string, object?)[] AuditParameters(AuditEntry entry) =>
    [
        ("$rid", entry.ReferralId), ("$aat", entry.At.ToDb()), ("$step", WireCode.Of(entry.Step)), ("$actor", entry.Actor),
        ("$rules", string.Join(' ', entry.Rules)), ("$detail", entry.Detail), ("$hash", entry.RecipientHash), ("$policy", entry.PolicyVersion),
        ("$aclinic", entry.ClinicId), ("$nkind", StoredCode.OfOrNull(entry.NotificationKind)), ("$nseq", entry.NotificationSequence), ("$adue", entry.DueAt.ToDb()),
        ("$aoutcome", StoredCode.OfOrNull(entry.Outcome)), ("$apathway", StoredCode.OfOrNull(entry.Pathway)), ("$amodality", StoredCode.OfOrNull(entry.Modality)),
        ("$aurgency", StoredCode.OfOrNull(entry.Urgency)), ("$areview", StoredCode.OfOrNull(entry.ReviewChoice)),
    ];

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string referralId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT * FROM audit WHERE referral_id = $id ORDER BY id", ReadAudit, cancellationToken, ("$id", referralId));

    private static AuditEntry ReadAudit(SqliteDataReader reader) =>
        new(reader.GetString(reader.GetOrdinal("referral_id")), reader.GetTime("at"), StoredCode.Parse<AuditStep>(reader.GetString(reader.GetOrdinal("step"))),
            reader.GetString(reader.GetOrdinal("actor")), SplitCodes(reader.GetString(reader.GetOrdinal("rules"))),
            reader.GetStringOrNull("detail"), reader.GetStringOrNull("recipient_hash"), reader.GetStringOrNull("policy_version"))
        {
            ClinicId = reader.GetStringOrNull("clinic_id"),
            NotificationKind = StoredCode.ParseOrNull<NotificationKind>(reader.GetStringOrNull("notification_kind")),
            NotificationSequence = reader.IsDBNull(reader.GetOrdinal("notification_sequence")) ? null : reader.GetInt32(reader.GetOrdinal("notification_sequence")),
            DueAt = reader.GetTimeOrNull("due_at"),
            Outcome = StoredCode.ParseOrNull<Outcome>(reader.GetStringOrNull("outcome")),
            Pathway = StoredCode.ParseOrNull<Pathway>(reader.GetStringOrNull("pathway")),
            Modality = StoredCode.ParseOrNull<Modality>(reader.GetStringOrNull("modality")),
            Urgency = StoredCode.ParseOrNull<Urgency>(reader.GetStringOrNull("urgency")),
            ReviewChoice = StoredCode.ParseOrNull<ReviewChoice>(reader.GetStringOrNull("review_choice")),
        };

    public async Task<bool> TryReserveAsync(string clinicId, string referralId, int capacity, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before counting, so two reservations cannot both see the last free slot.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var reserve = SqliteCommands.Create(connection,
            """
            INSERT INTO clinic_reservations (clinic_id, referral_id, reserved_at)
            SELECT $clinic, $referral, $at WHERE (SELECT COUNT(*) FROM clinic_reservations WHERE clinic_id = $clinic) < $capacity
            ON CONFLICT (clinic_id, referral_id) DO NOTHING
            """,
            ("$clinic", clinicId), ("$referral", referralId), ("$at", at.ToDb()), ("$capacity", capacity));
        reserve.Transaction = transaction;
        await reserve.ExecuteNonQueryAsync(cancellationToken);
        await using var held = SqliteCommands.Create(connection,
            "SELECT COUNT(*) FROM clinic_reservations WHERE clinic_id = $clinic AND referral_id = $referral", ("$clinic", clinicId), ("$referral", referralId));
        held.Transaction = transaction;
        var reserved = Convert.ToInt64(await held.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        await transaction.CommitAsync(cancellationToken);
        return reserved;
    }

    public Task ReleaseAsync(string clinicId, string referralId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("DELETE FROM clinic_reservations WHERE clinic_id = $clinic AND referral_id = $referral",
            cancellationToken, ("$clinic", clinicId), ("$referral", referralId));

    public async Task<IReadOnlyDictionary<string, int>> SlotsInUseAsync(CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT clinic_id, COUNT(*) AS used FROM clinic_reservations GROUP BY clinic_id",
            reader => (Clinic: reader.GetString(0), Used: reader.GetInt32(1)), cancellationToken))
        .ToDictionary(row => row.Clinic, row => row.Used, StringComparer.Ordinal);

    public async Task<bool> TryBeginNotificationAsync(NotificationRecord record, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            """
            INSERT INTO notifications (key, referral_id, kind, recipient_hash, state, at) VALUES ($key, $id, $kind, $hash, $state, $at)
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken, ("$key", record.Key), ("$id", record.ReferralId), ("$kind", record.Kind), ("$hash", record.RecipientHash),
            ("$state", WireCode.Of(DeliveryState.Pending)), ("$at", record.At.ToDb())) == 1;

    public async Task CompleteNotificationAsync(string key, DeliveryState state, DateTimeOffset at, string? providerMessageId, string? failureReason, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var complete = SqliteCommands.Create(connection,
            "UPDATE notifications SET state = $state, at = $at, provider_message_id = $provider, failure_reason = $reason WHERE key = $key AND state = $pending",
            ("$key", key), ("$state", WireCode.Of(state)), ("$at", at.ToDb()), ("$provider", providerMessageId), ("$reason", failureReason),
            ("$pending", WireCode.Of(DeliveryState.Pending)));
        complete.Transaction = transaction;
        await complete.ExecuteNonQueryAsync(cancellationToken);
        // The unique index on a notification's outcome entry makes a second one a no-op rather than a duplicate.
        await using var audit = SqliteCommands.Create(connection,
            $"{InsertAudit} ON CONFLICT (referral_id, notification_kind, notification_sequence) WHERE step IN ('notified', 'notification-failed') AND notification_sequence IS NOT NULL DO NOTHING",
            AuditParameters(entry));
        audit.Transaction = transaction;
        await audit.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<NotificationRecord?> FindNotificationAsync(string key, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT * FROM notifications WHERE key = $key", ReadNotification, cancellationToken, ("$key", key))).SingleOrDefault();

    public async Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string referralId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT * FROM notifications WHERE referral_id = $id ORDER BY at, key", ReadNotification, cancellationToken, ("$id", referralId));

    private async Task UpdateOneAsync(string sql, string referralId, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var updated = await database.ExecuteAsync(sql, cancellationToken, [("$id", referralId), .. parameters]);
        if (updated != 1) throw new KeyNotFoundException($"No referral with id '{referralId}'.");
    }

    private static ReferralRecord ReadReferral(SqliteDataReader reader)
    {
        var pathway = reader.GetStringOrNull("pathway");
        var routing = pathway is null ? null : new Routing(
            StoredCode.Parse<Outcome>(reader.GetString(reader.GetOrdinal("outcome"))),
            StoredCode.Parse<Pathway>(pathway),
            reader.GetStringOrNull("modality") is { } modality ? StoredCode.Parse<Modality>(modality) : null,
            SplitCodes(reader.GetString(reader.GetOrdinal("adaptations"))).Select(StoredCode.Parse<Adaptation>).ToList(),
            StoredCode.Parse<Urgency>(reader.GetString(reader.GetOrdinal("urgency"))),
            reader.GetString(reader.GetOrdinal("policy_version")));
        return new ReferralRecord(
            reader.GetString(reader.GetOrdinal("referral_id")), StoredCode.Parse<ReferralStatus>(reader.GetString(reader.GetOrdinal("status"))),
            reader.GetTime("received_at"), reader.GetTime("updated_at"), routing, reader.GetStringOrNull("decision_json"),
            reader.GetStringOrNull("clinic_id"), reader.GetTimeOrNull("due_at"));
    }

    private static NotificationRecord ReadNotification(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("key")), reader.GetString(reader.GetOrdinal("referral_id")), reader.GetString(reader.GetOrdinal("kind")),
        reader.GetString(reader.GetOrdinal("recipient_hash")), StoredCode.Parse<DeliveryState>(reader.GetString(reader.GetOrdinal("state"))), reader.GetTime("at"),
        reader.GetStringOrNull("provider_message_id"), reader.GetStringOrNull("failure_reason"));

    private static string[] SplitCodes(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
