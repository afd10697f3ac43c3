using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>The record store in one SQLite file (WAL). Safe for concurrent use within and across processes.</summary>
public sealed partial class SqliteRecordStore : IRecordStore
{
    private const string ReferralColumns =
        "referral_id, status, received_at, updated_at, outcome, pathway, modality, adaptations, urgency, policy_version, decision_json, clinic_id, due_at, assignee";

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
        var inserted = await WriteFormAsync(referral,
            "INSERT INTO referrals (referral_id, status, received_at, updated_at, form, source, source_media_type) VALUES ($id, $status, $at, $at, $form, $source, $sourceType) ON CONFLICT (referral_id) DO NOTHING",
            cancellationToken, ("$id", referral.ReferralId), ("$status", WireCode.Of(ReferralStatus.Received)), ("$at", at), ("$form", referral.Form.ToArray()),
            ("$source", referral.Source?.Content), ("$sourceType", referral.Source?.MediaType));
        return inserted ? IntakeResult.Added : IntakeResult.AlreadyExists;
    }

    public Task<bool> ResubmitInvalidAsync(NewReferral referral, CancellationToken cancellationToken = default) =>
        WriteFormAsync(referral,
            """
            UPDATE referrals SET status = $received, received_at = $at, updated_at = $at, form = $form, source = $source, source_media_type = $sourceType, outcome = NULL, pathway = NULL,
                modality = NULL, adaptations = NULL, urgency = NULL, policy_version = NULL, decision_json = NULL
            WHERE referral_id = $id AND status = $invalid
            """,
            cancellationToken, ("$id", referral.ReferralId), ("$received", WireCode.Of(ReferralStatus.Received)), ("$invalid", WireCode.Of(ReferralStatus.Invalid)),
            ("$at", referral.ArrivedAt.ToDb()), ("$form", referral.Form.ToArray()), ("$source", referral.Source?.Content), ("$sourceType", referral.Source?.MediaType));

    /// <summary>Stores a form with <paramref name="sql"/> and, when it wrote the row, the form's search terms, in one transaction.</summary>
    private async Task<bool> WriteFormAsync(NewReferral referral, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteCommands.Create(connection, sql, parameters);
        command.Transaction = transaction;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        await SqliteSearchTerms.WriteAsync(connection, transaction, referral.ReferralId, referral.Form, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

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

    public async Task<bool> MoveDueAsync(string referralId, ReferralStatus status, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("UPDATE referrals SET due_at = $due WHERE referral_id = $id AND status = $status",
            cancellationToken, ("$id", referralId), ("$status", WireCode.Of(status)), ("$due", dueAt.ToDb())) == 1;

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
        // Received order has no rank: ordering and paging on (received_at, referral_id) alone uses its index. With a
        // status filter, ordering by the (then constant) status first picks the index that starts with it.
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
        if (query.AssignedTo is { } assignee) Filter("assignee = $assignee", "$assignee", assignee);
        if (query.UpdatedFrom is { } updatedFrom) Filter("updated_at >= $updatedFrom", "$updatedFrom", updatedFrom.ToDb());
        if (query.Search is { } search) where.Add(SearchCondition(search, parameters));
        if (query.After is { } after)
        {
            where.Add(rank is null ? $"({key}) > ($kat, $kid)" : $"({key}) > ($krank, $kat, $kid)");
            parameters.AddRange([("$krank", after.Rank), ("$kat", after.At.ToDb()), ("$kid", after.ReferralId)]);
        }
        return await database.QueryAsync(
            $"""
            SELECT {ReferralColumns} FROM referrals {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY {(query.Status is null ? "" : "status, ")}{key} LIMIT $limit
            """,
            ReadReferral, cancellationToken, [.. parameters]);
    }

    /// <summary>The referrals <paramref name="search"/> finds, as one set of ids: by id prefix (the primary key's
    /// range), by date of birth, and by name words (each term a range of the search index).</summary>
    private static string SearchCondition(ReferralSearch search, List<(string, object?)> parameters)
    {
        var found = new List<string>();
        if (search.IdPrefix is { } id)
        {
            found.Add("SELECT referral_id FROM referrals WHERE referral_id >= $sid AND referral_id < $sidend");
            parameters.AddRange([("$sid", id), ("$sidend", SearchTerms.PrefixEnd(id))]);
        }
        if (search.DateOfBirth is { } born)
        {
            found.Add("SELECT referral_id FROM referral_search WHERE term = $sborn");
            parameters.Add(("$sborn", born));
        }
        if (search.NameTerms.Count > 0)
        {
            found.Add(string.Join(" INTERSECT ", search.NameTerms.Select((term, i) =>
            {
                parameters.AddRange([($"$sn{i}", term), ($"$sn{i}end", SearchTerms.PrefixEnd(term))]);
                return $"SELECT referral_id FROM referral_search WHERE term >= $sn{i} AND term < $sn{i}end";
            })));
        }
        return $"referral_id IN ({string.Join(" UNION ", found.Select(select => $"SELECT * FROM ({select})"))})";
    }

    /// <summary>The columns of <see cref="ReferralQuery.KeyOf"/>: its rank and time, before the referral id (the
    /// virtual columns of schema v6 for the due and urgency orders).</summary>
    private static (string? Rank, string At) SortKey(ReferralSort sort) => sort switch
    {
        ReferralSort.Due => ("due_rank", "due_key"),
        ReferralSort.Urgency => ("urgency_rank", "received_at"),
        _ => (null, "received_at"),
    };

    public async IAsyncEnumerable<StoredForm> ReadFormsAsync(
        DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("$limit", FormPageSize) };
        if (receivedFrom is { } from)
        {
            where.Add("received_at >= $from");
            parameters.Add(("$from", from.ToDb()));
        }
        if (receivedTo is { } to)
        {
            where.Add("received_at < $to");
            parameters.Add(("$to", to.ToDb()));
        }
        // Keyset pages on (received_at, referral_id), the order of ix_referrals_received: each page its own short read.
        var sql = $"SELECT referral_id, received_at, form FROM referrals WHERE {string.Join(" AND ", [.. where, "(received_at, referral_id) > ($kat, $kid)"])} "
            + "ORDER BY received_at, referral_id LIMIT $limit";
        (string At, string Id) after = ("", "");
        int read;
        do
        {
            read = 0;
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = SqliteCommands.Create(connection, sql, [.. parameters, ("$kat", after.At), ("$kid", after.Id)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read++;
                after = (reader.GetString(1), reader.GetString(0));
                yield return new StoredForm(after.Id, reader.GetTime("received_at"), (byte[])reader["form"]);
            }
        }
        while (read == FormPageSize);
    }

    /// <summary>Forms read per query by <see cref="ReadFormsAsync"/>: few enough that a page of the largest forms
    /// (256 KiB each) stays small, many enough that the queries cost little beside screening.</summary>
    private const int FormPageSize = 256;

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(InsertAudit, cancellationToken, AuditParameters(entry));

    private const string InsertAudit =
        """
        INSERT INTO audit (referral_id, at, step, actor, rules, detail, recipient_hash, policy_version, clinic_id, notification_kind,
            notification_sequence, due_at, outcome, pathway, modality, urgency, review_choice, mismatches, assignee, close_reason, discharge_reason)
        VALUES ($rid, $aat, $step, $actor, $rules, $detail, $hash, $policy, $aclinic, $nkind, $nseq, $adue, $aoutcome, $apathway, $amodality, $aurgency, $areview,
            $amismatches, $aassignee, $aclose, $adischarge)
        """;

    private static (string, object?)[] AuditParameters(AuditEntry entry) =>
    [
        ("$rid", entry.ReferralId), ("$aat", entry.At.ToDb()), ("$step", WireCode.Of(entry.Step)), ("$actor", entry.Actor),
        ("$rules", string.Join(' ', entry.Rules)), ("$detail", entry.Detail), ("$hash", entry.RecipientHash), ("$policy", entry.PolicyVersion),
        ("$aclinic", entry.ClinicId), ("$nkind", StoredCode.OfOrNull(entry.NotificationKind)), ("$nseq", entry.NotificationSequence), ("$adue", entry.DueAt.ToDb()),
        ("$aoutcome", StoredCode.OfOrNull(entry.Outcome)), ("$apathway", StoredCode.OfOrNull(entry.Pathway)), ("$amodality", StoredCode.OfOrNull(entry.Modality)),
        ("$aurgency", StoredCode.OfOrNull(entry.Urgency)), ("$areview", StoredCode.OfOrNull(entry.ReviewChoice)),
        ("$amismatches", entry.Mismatches is { Count: > 0 } mismatches ? string.Join(' ', mismatches.Select(WireCode.Of)) : null),
        ("$aassignee", entry.Assignee),
        ("$aclose", StoredCode.OfOrNull(entry.CloseReason)), ("$adischarge", StoredCode.OfOrNull(entry.DischargeReason)),
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
            NotificationSequence = reader.GetInt32OrNull("notification_sequence"),
            DueAt = reader.GetTimeOrNull("due_at"),
            Outcome = StoredCode.ParseOrNull<Outcome>(reader.GetStringOrNull("outcome")),
            Pathway = StoredCode.ParseOrNull<Pathway>(reader.GetStringOrNull("pathway")),
            Modality = StoredCode.ParseOrNull<Modality>(reader.GetStringOrNull("modality")),
            Urgency = StoredCode.ParseOrNull<Urgency>(reader.GetStringOrNull("urgency")),
            ReviewChoice = StoredCode.ParseOrNull<ReviewChoice>(reader.GetStringOrNull("review_choice")),
            Mismatches = reader.GetStringOrNull("mismatches") is { } mismatches ? [.. SplitCodes(mismatches).Select(StoredCode.Parse<ClinicMismatch>)] : null,
            Assignee = reader.GetStringOrNull("assignee"),
            CloseReason = StoredCode.ParseOrNull<CloseReason>(reader.GetStringOrNull("close_reason")),
            DischargeReason = StoredCode.ParseOrNull<DischargeReason>(reader.GetStringOrNull("discharge_reason")),
        };

    public Task<bool> TryReserveAsync(string clinicId, string referralId, int capacity, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ReserveAsync(clinicId, referralId, "$capacity", capacity, at, cancellationToken);

    public Task<bool> TryReserveWithinCapacityAsync(string clinicId, string referralId, int directoryCapacity, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ReserveAsync(clinicId, referralId, "coalesce((SELECT capacity FROM clinic_capacities WHERE clinic_id = $clinic), $capacity)", directoryCapacity, at, cancellationToken);

    /// <param name="limit">The SQL of the capacity to reserve within, given <c>$capacity</c>.</param>
    private async Task<bool> ReserveAsync(string clinicId, string referralId, string limit, int capacity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before counting, so two reservations cannot both see the last free slot, and a
        // capacity edit cannot fall between reading the capacity and reserving.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var reserve = SqliteCommands.Create(connection,
            $"""
            INSERT INTO clinic_reservations (clinic_id, referral_id, reserved_at)
            SELECT $clinic, $referral, $at WHERE (SELECT COUNT(*) FROM clinic_reservations WHERE clinic_id = $clinic) < {limit}
            ON CONFLICT (clinic_id, referral_id) DO NOTHING
            """,
            ("$clinic", clinicId), ("$referral", referralId), ("$at", at.ToDb()), ("$capacity", capacity));
        reserve.Transaction = transaction;
        await reserve.ExecuteNonQueryAsync(cancellationToken);
        var reserved = await transaction.CountAsync(
            "SELECT COUNT(*) FROM clinic_reservations WHERE clinic_id = $clinic AND referral_id = $referral", cancellationToken, ("$clinic", clinicId), ("$referral", referralId)) == 1;
        await transaction.CommitAsync(cancellationToken);
        return reserved;
    }

    public async Task<IReadOnlyDictionary<string, int>> EditedCapacitiesAsync(CancellationToken cancellationToken = default) =>
        (await database.QueryAsync("SELECT clinic_id, capacity FROM clinic_capacities",
            reader => (Clinic: reader.GetString(0), Capacity: reader.GetInt32(1)), cancellationToken))
        .ToDictionary(row => row.Clinic, row => row.Capacity, StringComparer.Ordinal);

    public async Task<CapacityChange> SetCapacityAsync(CapacityEdit edit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE, as a reservation is: the count and the capacity it is compared with are the ones this edit sees.
        await using var transaction = connection.BeginTransaction(deferred: false);
        (string, object?) clinic = ("$clinic", edit.ClinicId);
        var edited = await transaction.CountAsync("SELECT coalesce((SELECT capacity FROM clinic_capacities WHERE clinic_id = $clinic), -1)", cancellationToken, clinic);
        var inUse = await transaction.CountAsync("SELECT COUNT(*) FROM clinic_reservations WHERE clinic_id = $clinic", cancellationToken, clinic);
        var change = new CapacityChange(edited >= 0 ? edited : edit.DirectoryCapacity, edit.Capacity, inUse);
        if (change.Changed)
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO clinic_capacities (clinic_id, capacity, updated_at) VALUES ($clinic, $capacity, $at)
                ON CONFLICT (clinic_id) DO UPDATE SET capacity = excluded.capacity, updated_at = excluded.updated_at
                """,
                cancellationToken, clinic, ("$capacity", edit.Capacity), ("$at", edit.At.ToDb()));
            await transaction.ExecuteAsync(
                """
                INSERT INTO clinic_audit (clinic_id, at, step, actor, detail, capacity_from, capacity_to, in_use)
                VALUES ($clinic, $at, $step, $actor, $detail, $from, $to, $inUse)
                """,
                cancellationToken, clinic, ("$at", edit.At.ToDb()), ("$step", WireCode.Of(ClinicAuditStep.CapacityChanged)), ("$actor", edit.Actor),
                ("$detail", edit.Reason), ("$from", change.From), ("$to", change.To), ("$inUse", inUse));
        }
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    public async Task<IReadOnlyList<ClinicAuditEntry>> ReadClinicAuditAsync(string clinicId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT * FROM clinic_audit WHERE clinic_id = $clinic ORDER BY id", reader =>
            new ClinicAuditEntry(reader.GetString(reader.GetOrdinal("clinic_id")), reader.GetTime("at"),
                StoredCode.Parse<ClinicAuditStep>(reader.GetString(reader.GetOrdinal("step"))), reader.GetString(reader.GetOrdinal("actor")), reader.GetStringOrNull("detail"))
            {
                CapacityFrom = reader.GetInt32OrNull("capacity_from"),
                CapacityTo = reader.GetInt32OrNull("capacity_to"),
                InUse = reader.GetInt32OrNull("in_use"),
            },
            cancellationToken, ("$clinic", clinicId));

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

    public Task AssignAsync(string referralId, string? assignee, AuditEntry entry, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync("UPDATE referrals SET assignee = $assignee WHERE referral_id = $id", referralId, entry, cancellationToken, ("$assignee", assignee));

    public async Task<CaseNote> AddNoteAsync(AuditEntry entry, string text, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var note = SqliteCommands.Create(connection,
            """
            INSERT INTO case_notes (referral_id, at, author, text) SELECT $rid, $aat, $actor, $text WHERE EXISTS (SELECT 1 FROM referrals WHERE referral_id = $rid)
            RETURNING id
            """,
            ("$rid", entry.ReferralId), ("$aat", entry.At.ToDb()), ("$actor", entry.Actor), ("$text", text));
        note.Transaction = transaction;
        if (await note.ExecuteScalarAsync(cancellationToken) is not long id) throw new KeyNotFoundException($"No referral with id '{entry.ReferralId}'.");
        await using var audit = SqliteCommands.Create(connection, InsertAudit, AuditParameters(entry));
        audit.Transaction = transaction;
        await audit.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CaseNote(id, entry.ReferralId, entry.At, entry.Actor, text);
    }

    public async Task<IReadOnlyList<CaseNote>> ListNotesAsync(string referralId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT id, referral_id, at, author, text FROM case_notes WHERE referral_id = $id ORDER BY id",
            reader => new CaseNote(reader.GetInt64(0), reader.GetString(1), reader.GetTime("at"), reader.GetString(3), reader.GetString(4)),
            cancellationToken, ("$id", referralId));

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
            reader.GetStringOrNull("clinic_id"), reader.GetTimeOrNull("due_at"))
        {
            Assignee = reader.GetStringOrNull("assignee"),
        };
    }

    private static NotificationRecord ReadNotification(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("key")), reader.GetString(reader.GetOrdinal("referral_id")), reader.GetString(reader.GetOrdinal("kind")),
        reader.GetString(reader.GetOrdinal("recipient_hash")), StoredCode.Parse<DeliveryState>(reader.GetString(reader.GetOrdinal("state"))), reader.GetTime("at"),
        reader.GetStringOrNull("provider_message_id"), reader.GetStringOrNull("failure_reason"));

    private static string[] SplitCodes(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
