using Azure.Core;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using System.Runtime.CompilerServices;
using Npgsql;
using static IptTriage.Records.Postgres.PostgresCommands;

namespace IptTriage.Records.Postgres;

/// <summary>The record store in a PostgreSQL database. Safe for concurrent use by any number of processes.</summary>
public sealed partial class PostgresRecordStore : IRecordStore, IAsyncDisposable, IDisposable
{
    private const string ReferralColumns =
        "referral_id, status, received_at, updated_at, outcome, pathway, modality, adaptations, urgency, policy_version, decision_json, clinic_id, due_at, assignee";

    private const string NotificationColumns = "key, referral_id, kind, recipient_hash, state, at, provider_message_id, failure_reason";

    /// <summary>The first key of the two-key advisory locks that serialise reservations and capacity edits per clinic ("IPTC"); two-key
    /// locks never collide with the migration lock's single key.</summary>
    private const int ReservationLockClass = 0x4950_5443;

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;

    private PostgresRecordStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
    }

    /// <summary>Opens the database at <paramref name="connectionString"/> and brings its schema up to date.</summary>
    public static Task<PostgresRecordStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenOwnedAsync(NpgsqlDataSource.Create(connectionString), cancellationToken);

    /// <summary>As <see cref="OpenAsync(string, CancellationToken)"/>, but a connection string without a password signs
    /// in with a Microsoft Entra access token from <paramref name="entraCredential"/> (a managed identity on Azure).</summary>
    public static Task<PostgresRecordStore> OpenAsync(string connectionString, TokenCredential entraCredential, CancellationToken cancellationToken = default) =>
        OpenOwnedAsync(EntraSignIn.CreateDataSource(connectionString, entraCredential), cancellationToken);

    /// <summary>Uses a data source the caller built and still owns; brings its schema up to date.</summary>
    public static async Task<PostgresRecordStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await PostgresDatabase.MigrateAsync(dataSource, cancellationToken);
        return new PostgresRecordStore(dataSource, ownsDataSource: false);
    }

    private static async Task<PostgresRecordStore> OpenOwnedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await PostgresDatabase.MigrateAsync(dataSource, cancellationToken);
            return new PostgresRecordStore(dataSource, ownsDataSource: true);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task<IntakeResult> AddAsync(NewReferral referral, CancellationToken cancellationToken = default)
    {
        var inserted = await WriteFormAsync(referral,
            "INSERT INTO referrals (referral_id, status, received_at, updated_at, form, source, source_media_type) VALUES (@id, @status, @at, @at, @form, @source, @sourceType) ON CONFLICT (referral_id) DO NOTHING RETURNING referral_id",
            cancellationToken, Arg("status", WireCode.Of(ReferralStatus.Received)));
        return inserted ? IntakeResult.Added : IntakeResult.AlreadyExists;
    }

    public Task<bool> ResubmitInvalidAsync(NewReferral referral, CancellationToken cancellationToken = default) =>
        WriteFormAsync(referral,
            """
            UPDATE referrals SET status = @received, received_at = @at, updated_at = @at, form = @form, source = @source, source_media_type = @sourceType, outcome = NULL, pathway = NULL,
                modality = NULL, adaptations = NULL, urgency = NULL, policy_version = NULL, decision_json = NULL
            WHERE referral_id = @id AND status = @invalid
            RETURNING referral_id
            """,
            cancellationToken, Arg("received", WireCode.Of(ReferralStatus.Received)), Arg("invalid", WireCode.Of(ReferralStatus.Invalid)));

    /// <summary>Stores a form with <paramref name="write"/> (which returns the row it wrote) and replaces that row's
    /// search terms with the form's, in one statement. Terms the form no longer has are deleted and the others
    /// inserted unless kept, so the two never touch the same row.</summary>
    private async Task<bool> WriteFormAsync(NewReferral referral, string write, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.Command(
            $"""
            WITH written AS ({write}),
            cleared AS (DELETE FROM referral_search WHERE referral_id IN (SELECT referral_id FROM written) AND term <> ALL (@terms)),
            added AS (INSERT INTO referral_search (term, referral_id) SELECT term, referral_id FROM written, unnest(@terms) AS term ON CONFLICT DO NOTHING)
            SELECT count(*) FROM written
            """,
            [.. parameters, Arg("id", referral.ReferralId), Arg("at", referral.ArrivedAt), Arg("form", referral.Form.ToArray()),
             Arg("source", referral.Source?.Content), Arg("sourceType", referral.Source?.MediaType),
             Arg("terms", SearchTerms.OfForm(referral.Form.Span).ToArray())]);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    public async Task<ReferralRecord?> FindAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync($"SELECT {ReferralColumns} FROM referrals WHERE referral_id = @id", ReadReferral, cancellationToken, Arg("id", referralId)))
        .SingleOrDefault();

    public async Task<byte[]?> ReadFormAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync("SELECT form FROM referrals WHERE referral_id = @id", reader => reader.Get<byte[]>("form"), cancellationToken, Arg("id", referralId)))
        .SingleOrDefault();

    public async Task<ReferralSource?> ReadSourceAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync(
            "SELECT source, source_media_type FROM referrals WHERE referral_id = @id AND source IS NOT NULL",
            reader => new ReferralSource(reader.Get<string>("source_media_type"), reader.Get<byte[]>("source")), cancellationToken, Arg("id", referralId)))
        .SingleOrDefault();

    public Task RecordDecisionAsync(string referralId, TriageDecision decision, string decisionJson, ReferralStatus status, AuditEntry entry, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync(
            """
            status = @status, updated_at = @at, outcome = @outcome, pathway = @pathway, modality = @modality,
                adaptations = @adaptations, urgency = @urgency, policy_version = @policy, decision_json = @json
            """,
            referralId, entry, cancellationToken,
            Arg("status", WireCode.Of(status)), Arg("at", entry.At), Arg("outcome", WireCode.Of(decision.Outcome)),
            Arg("pathway", decision.Pathway is { } pathway ? WireCode.Of(pathway) : null),
            Arg("modality", decision.Modality is { } modality ? WireCode.Of(modality) : null),
            Arg("adaptations", decision.Adaptations.Select(WireCode.Of).ToArray()),
            Arg("urgency", WireCode.Of(decision.Urgency)), Arg("policy", decision.PolicyVersion), Arg("json", decisionJson));

    public Task SetStatusAsync(string referralId, ReferralStatus status, AuditEntry entry, DateTimeOffset? dueAt = null, string? clinicId = null, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync(
            "status = @status, updated_at = @at, due_at = @due, clinic_id = coalesce(@clinic, clinic_id)",
            referralId, entry, cancellationToken,
            Arg("status", WireCode.Of(status)), Arg("at", entry.At), Arg("due", dueAt), Arg("clinic", clinicId));

    public async Task<bool> MoveDueAsync(string referralId, ReferralStatus status, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        await dataSource.ExecuteAsync("UPDATE referrals SET due_at = @due WHERE referral_id = @id AND status = @status",
            cancellationToken, Arg("id", referralId), Arg("status", WireCode.Of(status)), Arg("due", dueAt)) == 1;

    /// <summary>Applies <paramref name="assignments"/> to the referral and appends <paramref name="entry"/> in one
    /// statement, so no reader sees the change without the audit entry that explains it.</summary>
    private Task UpdateWithAuditAsync(string assignments, string referralId, AuditEntry entry, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        UpdateOneAsync(
            $"""
            WITH changed AS (UPDATE referrals SET {assignments} WHERE referral_id = @id RETURNING referral_id)
            {InsertAudit} SELECT {AuditValues} FROM changed
            """,
            referralId, cancellationToken, [.. parameters, .. AuditParameters(entry)]);

    public Task OverrideRoutingAsync(string referralId, Pathway pathway, Modality? modality, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(
            // Adaptations belong to IPT pathways only; an override to an alternative service drops them.
            "UPDATE referrals SET pathway = @pathway, modality = @modality, adaptations = CASE WHEN @modality IS NULL THEN adaptations ELSE '{}' END, updated_at = @at WHERE referral_id = @id",
            referralId, cancellationToken, Arg("pathway", WireCode.Of(pathway)), Arg("modality", modality is { } m ? WireCode.Of(m) : null), Arg("at", at));

    public async Task<IReadOnlyList<ReferralRecord>> ListAsync(ReferralStatus status, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync(
            $"""
            SELECT {ReferralColumns} FROM referrals WHERE status = @status
            ORDER BY CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, received_at, referral_id
            """,
            ReadReferral, cancellationToken, Arg("status", WireCode.Of(status)));

    public async Task<IReadOnlyList<ReferralRecord>> QueryAsync(ReferralQuery query, CancellationToken cancellationToken = default)
    {
        var (rank, at) = SortKey(query.Sort, query.Status is not null);
        // Received order has no rank: ordering and paging on (received_at, referral_id) alone uses its index.
        var key = rank is null ? $"{at}, referral_id" : $"{rank}, {at}, referral_id";
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter> { Arg("limit", query.Limit) };
        void Filter(string condition, NpgsqlParameter parameter)
        {
            where.Add(condition);
            parameters.Add(parameter);
        }
        if (query.Status is { } status) Filter("status = @status", Arg("status", WireCode.Of(status)));
        if (query.Urgency is { } urgency) Filter("urgency = @urgency", Arg("urgency", WireCode.Of(urgency)));
        if (query.Pathway is { } pathway) Filter("pathway = @pathway", Arg("pathway", WireCode.Of(pathway)));
        if (query.ClinicId is { } clinicId) Filter("clinic_id = @clinic", Arg("clinic", clinicId));
        if (query.OverdueAt is { } now) Filter("due_at < @now", Arg("now", now));
        if (query.ReceivedFrom is { } from) Filter("received_at >= @from", Arg("from", from));
        if (query.ReceivedTo is { } to) Filter("received_at < @to", Arg("to", to));
        if (query.AssignedTo is { } assignee) Filter("assignee = @assignee", Arg("assignee", assignee));
        if (query.UpdatedFrom is { } updatedFrom) Filter("updated_at >= @updatedFrom", Arg("updatedFrom", updatedFrom));
        if (query.Search is { } search) where.Add(SearchCondition(search, parameters));
        if (query.After is { } after)
        {
            where.Add(rank is null ? $"({key}) > (@kat, @kid)" : $"({key}) > (@krank, @kat, @kid)");
            parameters.AddRange([Arg("kat", after.At), Arg("kid", after.ReferralId)]);
            if (rank is not null) parameters.Add(Arg("krank", after.Rank));
        }
        return await dataSource.QueryAsync(
            $"""
            SELECT {ReferralColumns} FROM referrals {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY {key} LIMIT @limit
            """,
            ReadReferral, cancellationToken, [.. parameters]);
    }

    /// <summary>The referrals <paramref name="search"/> finds, as one set of ids: by id prefix (the primary key's
    /// range), by date of birth, and by name words (each term a range of the search index).</summary>
    private static string SearchCondition(ReferralSearch search, List<NpgsqlParameter> parameters)
    {
        var found = new List<string>();
        if (search.IdPrefix is { } id)
        {
            found.Add("SELECT referral_id FROM referrals WHERE referral_id >= @sid AND referral_id < @sidend");
            parameters.AddRange([Arg("sid", id), Arg("sidend", SearchTerms.PrefixEnd(id))]);
        }
        if (search.DateOfBirth is { } born)
        {
            found.Add("SELECT referral_id FROM referral_search WHERE term = @sborn");
            parameters.Add(Arg("sborn", born));
        }
        if (search.NameTerms.Count > 0)
        {
            found.Add(string.Join(" INTERSECT ", search.NameTerms.Select((term, i) =>
            {
                parameters.AddRange([Arg($"sn{i}", term), Arg($"sn{i}end", SearchTerms.PrefixEnd(term))]);
                return $"SELECT referral_id FROM referral_search WHERE term >= @sn{i} AND term < @sn{i}end";
            })));
        }
        return $"referral_id IN ({string.Join(" UNION ", found.Select(select => $"({select})"))})";
    }

    /// <summary>The SQL of <see cref="ReferralQuery.KeyOf"/>: its rank and time, before the referral id. Each is an
    /// expression an index of schema v6 holds; with a status filter, the one the status's index holds.</summary>
    private static (string? Rank, string At) SortKey(ReferralSort sort, bool byStatus) => sort switch
    {
        ReferralSort.Due when byStatus => ("(CASE WHEN due_at IS NOT NULL THEN 0 ELSE 1 END)", "coalesce(due_at, received_at)"),
        ReferralSort.Due => ("(CASE WHEN due_at IS NULL THEN 1 ELSE 0 END)", "coalesce(due_at, received_at)"),
        ReferralSort.Urgency when byStatus => ("(CASE urgency WHEN 'routine' THEN 2 WHEN 'urgent' THEN 1 WHEN 'emergency' THEN 0 ELSE 3 END)", "received_at"),
        ReferralSort.Urgency => ("(CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END)", "received_at"),
        _ => (null, "received_at"),
    };

    public async IAsyncEnumerable<StoredForm> ReadFormsAsync(
        DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Keyset pages on (received_at, referral_id), the order of ix_referrals_received: each page its own short read.
        const string sql = """
            SELECT referral_id, received_at, form FROM referrals
            WHERE (received_at, referral_id) > (@kat, @kid) AND (@from IS NULL OR received_at >= @from) AND (@to IS NULL OR received_at < @to)
            ORDER BY received_at, referral_id LIMIT @limit
            """;
        (DateTimeOffset At, string Id) after = (DateTimeOffset.MinValue, "");
        int read;
        do
        {
            read = 0;
            // A parameter belongs to one command: each page gets its own.
            await using var command = dataSource.Command(sql, Arg("kat", after.At), Arg("kid", after.Id), Arg("from", receivedFrom), Arg("to", receivedTo),
                Arg("limit", FormPageSize));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read++;
                after = (reader.Get<DateTimeOffset>("received_at"), reader.GetString(0));
                yield return new StoredForm(after.Id, after.At, reader.Get<byte[]>("form"));
            }
        }
        while (read == FormPageSize);
    }

    /// <summary>Forms read per query by <see cref="ReadFormsAsync"/>: few enough that a page of the largest forms
    /// (256 KiB each) stays small, many enough that the queries cost little beside screening.</summary>
    private const int FormPageSize = 256;

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        dataSource.ExecuteAsync($"{InsertAudit} VALUES ({AuditValues})", cancellationToken, AuditParameters(entry));

    private const string AuditColumns =
        """
        referral_id, at, step, actor, rules, detail, recipient_hash, policy_version, clinic_id, notification_kind, notification_sequence, due_at,
            outcome, pathway, modality, urgency, review_choice, mismatches, assignee, close_reason, discharge_reason
        """;

    private const string InsertAudit = $"INSERT INTO audit ({AuditColumns})";

    private const string AuditValues =
        "@rid, @aat, @step, @actor, @rules, @detail, @hash, @policy, @aclinic, @nkind, @nseq, @adue, @aoutcome, @apathway, @amodality, @aurgency, @areview, @amismatches, @aassignee, @aclose, @adischarge";

    private static NpgsqlParameter[] AuditParameters(AuditEntry entry) =>
    [
        Arg("rid", entry.ReferralId), Arg("aat", entry.At), Arg("step", WireCode.Of(entry.Step)), Arg("actor", entry.Actor),
        Arg("rules", entry.Rules.ToArray()), Arg("detail", entry.Detail), Arg("hash", entry.RecipientHash), Arg("policy", entry.PolicyVersion),
        Arg("aclinic", entry.ClinicId), Arg("nkind", StoredCode.OfOrNull(entry.NotificationKind)), Arg("nseq", entry.NotificationSequence), Arg("adue", entry.DueAt),
        Arg("aoutcome", StoredCode.OfOrNull(entry.Outcome)), Arg("apathway", StoredCode.OfOrNull(entry.Pathway)), Arg("amodality", StoredCode.OfOrNull(entry.Modality)),
        Arg("aurgency", StoredCode.OfOrNull(entry.Urgency)), Arg("areview", StoredCode.OfOrNull(entry.ReviewChoice)),
        Arg("amismatches", entry.Mismatches is { Count: > 0 } mismatches ? mismatches.Select(WireCode.Of).ToArray() : null),
        Arg("aassignee", entry.Assignee),
        Arg("aclose", StoredCode.OfOrNull(entry.CloseReason)), Arg("adischarge", StoredCode.OfOrNull(entry.DischargeReason)),
    ];

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string referralId, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync($"SELECT {AuditColumns} FROM audit WHERE referral_id = @id ORDER BY id", ReadAudit, cancellationToken, Arg("id", referralId));

    private static AuditEntry ReadAudit(NpgsqlDataReader reader) =>
        new(reader.Get<string>("referral_id"), reader.Get<DateTimeOffset>("at"), StoredCode.Parse<AuditStep>(reader.Get<string>("step")), reader.Get<string>("actor"),
            reader.Get<string[]>("rules"), reader.GetOrNull<string>("detail"), reader.GetOrNull<string>("recipient_hash"), reader.GetOrNull<string>("policy_version"))
        {
            ClinicId = reader.GetOrNull<string>("clinic_id"),
            NotificationKind = StoredCode.ParseOrNull<NotificationKind>(reader.GetOrNull<string>("notification_kind")),
            NotificationSequence = reader.GetInt32OrNull("notification_sequence"),
            DueAt = reader.GetTimeOrNull("due_at"),
            Outcome = StoredCode.ParseOrNull<Outcome>(reader.GetOrNull<string>("outcome")),
            Pathway = StoredCode.ParseOrNull<Pathway>(reader.GetOrNull<string>("pathway")),
            Modality = StoredCode.ParseOrNull<Modality>(reader.GetOrNull<string>("modality")),
            Urgency = StoredCode.ParseOrNull<Urgency>(reader.GetOrNull<string>("urgency")),
            ReviewChoice = StoredCode.ParseOrNull<ReviewChoice>(reader.GetOrNull<string>("review_choice")),
            Mismatches = reader.GetOrNull<string[]>("mismatches") is { } mismatches ? [.. mismatches.Select(StoredCode.Parse<ClinicMismatch>)] : null,
            Assignee = reader.GetOrNull<string>("assignee"),
            CloseReason = StoredCode.ParseOrNull<CloseReason>(reader.GetOrNull<string>("close_reason")),
            DischargeReason = StoredCode.ParseOrNull<DischargeReason>(reader.GetOrNull<string>("discharge_reason")),
        };

    public Task<bool> TryReserveAsync(string clinicId, string referralId, int capacity, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ReserveAsync(clinicId, referralId, "@capacity", capacity, at, cancellationToken);

    public Task<bool> TryReserveWithinCapacityAsync(string clinicId, string referralId, int directoryCapacity, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ReserveAsync(clinicId, referralId, "coalesce((SELECT capacity FROM clinic_capacities WHERE clinic_id = @clinic), @capacity)", directoryCapacity, at, cancellationToken);

    /// <param name="limit">The SQL of the capacity to reserve within, given <c>@capacity</c>.</param>
    private async Task<bool> ReserveAsync(string clinicId, string referralId, string limit, int capacity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SerialiseOnClinicAsync(connection, clinicId, cancellationToken);
        // The CTE's snapshot predates its own insert, so the second EXISTS sees only a slot this referral already held.
        await using var reserve = connection.Command(
            $"""
            WITH reserved AS (
                INSERT INTO clinic_reservations (clinic_id, referral_id, reserved_at)
                SELECT @clinic, @referral, @at WHERE (SELECT count(*) FROM clinic_reservations WHERE clinic_id = @clinic) < {limit}
                ON CONFLICT (clinic_id, referral_id) DO NOTHING
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM reserved)
                OR EXISTS (SELECT 1 FROM clinic_reservations WHERE clinic_id = @clinic AND referral_id = @referral)
            """,
            Arg("clinic", clinicId), Arg("referral", referralId), Arg("at", at), Arg("capacity", capacity));
        var reserved = (bool)(await reserve.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return reserved;
    }

    /// <summary>Reservations and capacity edits for one clinic queue on this transaction lock, so two of them cannot both
    /// count the last free slot as free, and each statement after it sees the capacity the last edit committed.</summary>
    private static async Task SerialiseOnClinicAsync(NpgsqlConnection connection, string clinicId, CancellationToken cancellationToken)
    {
        await using var serialise = connection.Command("SELECT pg_advisory_xact_lock(@class, hashtext(@clinic))", Arg("class", ReservationLockClass), Arg("clinic", clinicId));
        await serialise.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, int>> EditedCapacitiesAsync(CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync("SELECT clinic_id, capacity FROM clinic_capacities",
            reader => (Clinic: reader.Get<string>("clinic_id"), Capacity: reader.Get<int>("capacity")), cancellationToken))
        .ToDictionary(row => row.Clinic, row => row.Capacity, StringComparer.Ordinal);

    public async Task<CapacityChange> SetCapacityAsync(CapacityEdit edit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SerialiseOnClinicAsync(connection, edit.ClinicId, cancellationToken);
        await using var read = connection.Command(
            """
            SELECT (SELECT capacity FROM clinic_capacities WHERE clinic_id = @clinic) AS edited,
                (SELECT count(*)::integer FROM clinic_reservations WHERE clinic_id = @clinic) AS in_use
            """,
            Arg("clinic", edit.ClinicId));
        CapacityChange change;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            change = new CapacityChange(reader.GetInt32OrNull("edited") ?? edit.DirectoryCapacity, edit.Capacity, reader.Get<int>("in_use"));
        }
        if (change.Changed)
        {
            await using var write = connection.Command(
                """
                WITH saved AS (
                    INSERT INTO clinic_capacities (clinic_id, capacity, updated_at) VALUES (@clinic, @to, @at)
                    ON CONFLICT (clinic_id) DO UPDATE SET capacity = excluded.capacity, updated_at = excluded.updated_at)
                INSERT INTO clinic_audit (clinic_id, at, step, actor, detail, capacity_from, capacity_to, in_use)
                VALUES (@clinic, @at, @step, @actor, @detail, @from, @to, @in_use)
                """,
                Arg("clinic", edit.ClinicId), Arg("at", edit.At), Arg("step", WireCode.Of(ClinicAuditStep.CapacityChanged)), Arg("actor", edit.Actor),
                Arg("detail", edit.Reason), Arg("from", change.From), Arg("to", change.To), Arg("in_use", change.InUse));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return change;
    }

    public async Task<IReadOnlyList<ClinicAuditEntry>> ReadClinicAuditAsync(string clinicId, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync(
            "SELECT clinic_id, at, step, actor, detail, capacity_from, capacity_to, in_use FROM clinic_audit WHERE clinic_id = @clinic ORDER BY id",
            reader => new ClinicAuditEntry(reader.Get<string>("clinic_id"), reader.Get<DateTimeOffset>("at"), StoredCode.Parse<ClinicAuditStep>(reader.Get<string>("step")),
                reader.Get<string>("actor"), reader.GetOrNull<string>("detail"))
            {
                CapacityFrom = reader.GetInt32OrNull("capacity_from"),
                CapacityTo = reader.GetInt32OrNull("capacity_to"),
                InUse = reader.GetInt32OrNull("in_use"),
            },
            cancellationToken, Arg("clinic", clinicId));

    public Task ReleaseAsync(string clinicId, string referralId, CancellationToken cancellationToken = default) =>
        dataSource.ExecuteAsync("DELETE FROM clinic_reservations WHERE clinic_id = @clinic AND referral_id = @referral",
            cancellationToken, Arg("clinic", clinicId), Arg("referral", referralId));

    public async Task<IReadOnlyDictionary<string, int>> SlotsInUseAsync(CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync("SELECT clinic_id, count(*)::integer AS used FROM clinic_reservations GROUP BY clinic_id",
            reader => (Clinic: reader.Get<string>("clinic_id"), Used: reader.Get<int>("used")), cancellationToken))
        .ToDictionary(row => row.Clinic, row => row.Used, StringComparer.Ordinal);

    public async Task<bool> TryBeginNotificationAsync(NotificationRecord record, CancellationToken cancellationToken = default) =>
        await dataSource.ExecuteAsync(
            """
            INSERT INTO notifications (key, referral_id, kind, recipient_hash, state, at) VALUES (@key, @id, @kind, @hash, @state, @at)
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken, Arg("key", record.Key), Arg("id", record.ReferralId), Arg("kind", record.Kind), Arg("hash", record.RecipientHash),
            Arg("state", WireCode.Of(DeliveryState.Pending)), Arg("at", record.At)) == 1;

    /// <summary>One statement: PostgreSQL runs the data-modifying CTE whether or not the insert reads it, and the
    /// two commit together.</summary>
    public Task CompleteNotificationAsync(string key, DeliveryState state, DateTimeOffset at, string? providerMessageId, string? failureReason, AuditEntry entry, CancellationToken cancellationToken = default) =>
        dataSource.ExecuteAsync(
            $"""
            WITH completed AS (
                UPDATE notifications SET state = @state, at = @at, provider_message_id = @provider, failure_reason = @reason
                WHERE key = @key AND state = @pending)
            {InsertAudit} VALUES ({AuditValues})
            ON CONFLICT (referral_id, notification_kind, notification_sequence)
                WHERE step IN ('notified', 'notification-failed') AND notification_sequence IS NOT NULL DO NOTHING
            """,
            cancellationToken,
            [Arg("key", key), Arg("state", WireCode.Of(state)), Arg("at", at), Arg("provider", providerMessageId), Arg("reason", failureReason),
             Arg("pending", WireCode.Of(DeliveryState.Pending)), .. AuditParameters(entry)]);

    public async Task<NotificationRecord?> FindNotificationAsync(string key, CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync($"SELECT {NotificationColumns} FROM notifications WHERE key = @key", ReadNotification, cancellationToken, Arg("key", key))).SingleOrDefault();

    public async Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string referralId, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync($"SELECT {NotificationColumns} FROM notifications WHERE referral_id = @id ORDER BY at, key", ReadNotification, cancellationToken, Arg("id", referralId));

    public Task AssignAsync(string referralId, string? assignee, AuditEntry entry, CancellationToken cancellationToken = default) =>
        UpdateWithAuditAsync("assignee = @assignee", referralId, entry, cancellationToken, Arg("assignee", assignee));

    public async Task<CaseNote> AddNoteAsync(AuditEntry entry, string text, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.Command(
            $"""
            WITH note AS (
                INSERT INTO case_notes (referral_id, at, author, text)
                SELECT @rid, @aat, @actor, @text WHERE EXISTS (SELECT 1 FROM referrals WHERE referral_id = @rid)
                RETURNING id),
            audited AS ({InsertAudit} SELECT {AuditValues} FROM note)
            SELECT id FROM note
            """,
            [.. AuditParameters(entry), Arg("text", text)]);
        return await command.ExecuteScalarAsync(cancellationToken) is long id
            ? new CaseNote(id, entry.ReferralId, entry.At, entry.Actor, text)
            : throw new KeyNotFoundException($"No referral with id '{entry.ReferralId}'.");
    }

    public async Task<IReadOnlyList<CaseNote>> ListNotesAsync(string referralId, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync("SELECT id, referral_id, at, author, text FROM case_notes WHERE referral_id = @id ORDER BY id",
            reader => new CaseNote(reader.Get<long>("id"), reader.Get<string>("referral_id"), reader.Get<DateTimeOffset>("at"), reader.Get<string>("author"), reader.Get<string>("text")),
            cancellationToken, Arg("id", referralId));

    public ValueTask DisposeAsync() => ownsDataSource ? dataSource.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (ownsDataSource) dataSource.Dispose();
    }

    private async Task UpdateOneAsync(string sql, string referralId, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var updated = await dataSource.ExecuteAsync(sql, cancellationToken, [Arg("id", referralId), .. parameters]);
        if (updated != 1) throw new KeyNotFoundException($"No referral with id '{referralId}'.");
    }

    private static ReferralRecord ReadReferral(NpgsqlDataReader reader)
    {
        var pathway = reader.GetOrNull<string>("pathway");
        var routing = pathway is null ? null : new Routing(
            StoredCode.Parse<Outcome>(reader.Get<string>("outcome")),
            StoredCode.Parse<Pathway>(pathway),
            reader.GetOrNull<string>("modality") is { } modality ? StoredCode.Parse<Modality>(modality) : null,
            reader.Get<string[]>("adaptations").Select(StoredCode.Parse<Adaptation>).ToList(),
            StoredCode.Parse<Urgency>(reader.Get<string>("urgency")),
            reader.Get<string>("policy_version"));
        return new ReferralRecord(
            reader.Get<string>("referral_id"), StoredCode.Parse<ReferralStatus>(reader.Get<string>("status")),
            reader.Get<DateTimeOffset>("received_at"), reader.Get<DateTimeOffset>("updated_at"), routing, reader.GetOrNull<string>("decision_json"),
            reader.GetOrNull<string>("clinic_id"), reader.GetTimeOrNull("due_at"))
        {
            Assignee = reader.GetOrNull<string>("assignee"),
        };
    }

    private static NotificationRecord ReadNotification(NpgsqlDataReader reader) => new(
        reader.Get<string>("key"), reader.Get<string>("referral_id"), reader.Get<string>("kind"), reader.Get<string>("recipient_hash"),
        StoredCode.Parse<DeliveryState>(reader.Get<string>("state")), reader.Get<DateTimeOffset>("at"),
        reader.GetOrNull<string>("provider_message_id"), reader.GetOrNull<string>("failure_reason"));
}
