using Npgsql;

namespace IptTriage.Records.Postgres;

/// <summary>Schema versions, applied in order, each once, each in its own transaction. Append; never edit a shipped one.</summary>
/// <remarks>Ids and codes use the "C" collation so that ordering (the worklist's tie-break, notifications by key) is
/// byte order whatever locale the server was initialised with, as in SQLite. The decision JSON is <c>text</c>, not
/// <c>jsonb</c>: jsonb would normalise it, and the store hands back exactly what the policy wrote.</remarks>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All =
    [
        (1, """
            CREATE TABLE referrals (
                referral_id    text COLLATE "C" PRIMARY KEY,
                status         text NOT NULL,
                received_at    timestamptz NOT NULL,
                updated_at     timestamptz NOT NULL,
                form           bytea NOT NULL,
                outcome        text,
                pathway        text,
                modality       text,
                adaptations    text[],
                urgency        text,
                policy_version text,
                decision_json  text,
                clinic_id      text COLLATE "C",
                due_at         timestamptz
            );
            CREATE INDEX ix_referrals_status ON referrals (status, received_at);

            CREATE TABLE audit (
                id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                referral_id    text COLLATE "C" NOT NULL,
                at             timestamptz NOT NULL,
                step           text NOT NULL,
                actor          text NOT NULL,
                rules          text[] NOT NULL,
                detail         text NOT NULL,
                recipient_hash text,
                policy_version text
            );
            CREATE INDEX ix_audit_referral ON audit (referral_id, id);
            CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$;
            CREATE TRIGGER audit_is_append_only BEFORE UPDATE OR DELETE ON audit
                FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
            CREATE TRIGGER audit_is_not_truncated BEFORE TRUNCATE ON audit
                FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

            CREATE TABLE clinic_reservations (
                clinic_id   text COLLATE "C" NOT NULL,
                referral_id text COLLATE "C" NOT NULL,
                reserved_at timestamptz NOT NULL,
                PRIMARY KEY (clinic_id, referral_id)
            );

            CREATE TABLE notifications (
                key                 text COLLATE "C" PRIMARY KEY,
                referral_id         text COLLATE "C" NOT NULL,
                kind                text NOT NULL,
                recipient_hash      text NOT NULL,
                state               text NOT NULL,
                at                  timestamptz NOT NULL,
                provider_message_id text,
                failure_reason      text
            );
            CREATE INDEX ix_notifications_referral ON notifications (referral_id, at);
            """),
        // v2: the audit trail is coded. Facts that were only in the system's detail text become columns, filled here
        // from the rows written before, where the text says them; detail becomes optional (a person's reason only).
        // The append-only row trigger is off for this one UPDATE only, inside the migration's transaction.
        (2, """
            ALTER TABLE audit
                ALTER COLUMN detail DROP NOT NULL,
                ADD COLUMN clinic_id             text COLLATE "C",
                ADD COLUMN notification_kind     text,
                ADD COLUMN notification_sequence integer,
                ADD COLUMN due_at                timestamptz,
                ADD COLUMN outcome               text,
                ADD COLUMN pathway               text,
                ADD COLUMN modality              text,
                ADD COLUMN urgency               text,
                ADD COLUMN review_choice         text;
            ALTER TABLE audit DISABLE TRIGGER audit_is_append_only;
            UPDATE audit SET
                clinic_id = CASE
                    WHEN step = 'offered' THEN substring(detail FROM '^offered to clinic ([^;]+);')
                    WHEN step = 'clinic-accepted' THEN substring(detail FROM '^placed with clinic (.+)$')
                    WHEN step IN ('clinic-declined', 'clinic-timed-out') THEN substring(detail FROM '^slot at clinic (.+) released$')
                    WHEN step = 'placed-manually' THEN substring(detail FROM '^placed with clinic (.+) by hand$')
                    WHEN actor LIKE 'clinic:%' THEN substring(actor FROM 8)
                END,
                notification_kind = CASE
                    WHEN step = 'notified' THEN substring(detail FROM '^(.+) sent by email$')
                    WHEN step = 'notification-failed' THEN substring(detail FROM '^([^ ]+) not delivered after ')
                    WHEN step = 'notification-skipped' THEN substring(detail FROM '^([^:]+): ')
                END,
                -- "reply due 2026-11-02 10:20 UTC" was written in UTC.
                due_at = CASE
                    WHEN step = 'offered' AND detail ~ '; reply due \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$'
                    THEN (substring(detail FROM 'reply due (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC$') || '+00')::timestamptz
                END;
            ALTER TABLE audit ENABLE TRIGGER audit_is_append_only;
            -- Each notification has at most one entry saying how it went: the database, not only the code, keeps a
            -- retried send from auditing twice. Rows from before v2 have no sequence and are outside it.
            CREATE UNIQUE INDEX ux_audit_notification_outcome ON audit (referral_id, notification_kind, notification_sequence)
                WHERE step IN ('notified', 'notification-failed') AND notification_sequence IS NOT NULL;
            """),
        // v3: the referral list (GET /api/referrals) filters and pages on these; its default order is received time.
        (3, """
            CREATE INDEX ix_referrals_received ON referrals (received_at, referral_id);
            CREATE INDEX ix_referrals_due ON referrals (due_at, referral_id);
            CREATE INDEX ix_referrals_urgency ON referrals (urgency, received_at, referral_id);
            CREATE INDEX ix_referrals_pathway ON referrals (pathway, received_at, referral_id);
            CREATE INDEX ix_referrals_clinic ON referrals (clinic_id, received_at, referral_id);
            """),
        // v4: staff accounts (docs/cli.md "iptriage users") and their history; usernames are stored lower-case.
        (4, """
            CREATE TABLE staff_accounts (
                username        text COLLATE "C" PRIMARY KEY,
                display_name    text NOT NULL,
                role            text NOT NULL,
                password_hash   text NOT NULL,
                disabled        boolean NOT NULL DEFAULT false,
                failed_sign_ins integer NOT NULL DEFAULT 0,
                locked_until    timestamptz,
                security_stamp  text NOT NULL,
                created_at      timestamptz NOT NULL
            );
            CREATE TABLE staff_account_events (
                id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                username text COLLATE "C" NOT NULL,
                at       timestamptz NOT NULL,
                kind     text NOT NULL,
                actor    text NOT NULL
            );
            CREATE INDEX ix_staff_account_events ON staff_account_events (username, id);
            CREATE TRIGGER staff_account_events_are_append_only BEFORE UPDATE OR DELETE ON staff_account_events
                FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
            """),
        // v5: coordinators set a clinic's effective capacity (the directory's until they do), each change in the
        // clinic's own append-only audit trail; a reason for placing a case by hand names the coded mismatches.
        (5, """
            CREATE TABLE clinic_capacities (
                clinic_id  text COLLATE "C" PRIMARY KEY,
                capacity   integer NOT NULL CHECK (capacity >= 0),
                updated_at timestamptz NOT NULL
            );
            CREATE TABLE clinic_audit (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                clinic_id     text COLLATE "C" NOT NULL,
                at            timestamptz NOT NULL,
                step          text NOT NULL,
                actor         text NOT NULL,
                detail        text,
                capacity_from integer,
                capacity_to   integer,
                in_use        integer
            );
            CREATE INDEX ix_clinic_audit_clinic ON clinic_audit (clinic_id, id);
            CREATE TRIGGER clinic_audit_is_append_only BEFORE UPDATE OR DELETE ON clinic_audit
                FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
            CREATE TRIGGER clinic_audit_is_not_truncated BEFORE TRUNCATE ON clinic_audit
                FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
            ALTER TABLE audit ADD COLUMN mismatches text[];
            """),
        // v6: case work (issue 12). Indexes for the list's due and urgency orders; a case's assignee, with the coded
        // audit field that records it; the client's searchable terms (SearchTerms: folded name words, date of birth),
        // which the backfill below reads the stored forms for; and case notes, whose text lives here only.
        (6, """
            ALTER TABLE referrals ADD COLUMN assignee text COLLATE "C";
            CREATE INDEX ix_referrals_assignee ON referrals (assignee, received_at, referral_id);
            -- The list's due and urgency orders are expressions (ReferralQuery.KeyOf), indexed alone and after the status
            -- filter a worklist nearly always has, so a page is read in order, not sorted. With a status filter the
            -- store writes each rank as another expression of the same value, which only the status index holds: the
            -- planner cannot see that a status's rows sit at one end of the other index, and would scan it.
            CREATE INDEX ix_referrals_due_order ON referrals ((CASE WHEN due_at IS NULL THEN 1 ELSE 0 END), coalesce(due_at, received_at), referral_id);
            CREATE INDEX ix_referrals_urgency_order ON referrals ((CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END), received_at, referral_id);
            CREATE INDEX ix_referrals_status_due_order ON referrals (status, (CASE WHEN due_at IS NOT NULL THEN 0 ELSE 1 END), coalesce(due_at, received_at), referral_id);
            CREATE INDEX ix_referrals_status_urgency_order ON referrals (status, (CASE urgency WHEN 'routine' THEN 2 WHEN 'urgent' THEN 1 WHEN 'emergency' THEN 0 ELSE 3 END), received_at, referral_id);
            CREATE INDEX ix_referrals_status_received ON referrals (status, received_at, referral_id);
            ALTER TABLE audit ADD COLUMN assignee text COLLATE "C";
            CREATE TABLE referral_search (
                term        text COLLATE "C" NOT NULL,
                referral_id text COLLATE "C" NOT NULL,
                PRIMARY KEY (term, referral_id)
            );
            CREATE INDEX ix_referral_search_referral ON referral_search (referral_id);
            CREATE TABLE case_notes (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                referral_id text COLLATE "C" NOT NULL,
                at          timestamptz NOT NULL,
                author      text NOT NULL,
                text        text NOT NULL
            );
            CREATE INDEX ix_case_notes_referral ON case_notes (referral_id, id);
            """),
        // v7: the whole lifecycle (issue 12): why a case was closed, how its care ended, as codes.
        (7, """
            ALTER TABLE audit
                ADD COLUMN close_reason     text,
                ADD COLUMN discharge_reason text;
            """),
        // v8 (FHIR intake, docs/fhir.md): a referral that arrived as FHIR keeps the payload its form was mapped from,
        // for audit.
        (8, """
            ALTER TABLE referrals ADD COLUMN source bytea, ADD COLUMN source_media_type text;
            """),
        // v9 (the worklists, GET /api/worklists): a tab's overdue count is a range of plain columns, so PostgreSQL
        // counts it from the index alone; the due-order index holds expressions, which no index-only scan reads, and
        // counting 15,000 awaiting a clinic through it read every row (76 ms of the 216 ms measured at 100,000).
        (9, """
            CREATE INDEX ix_referrals_status_due ON referrals (status, due_at);
            CREATE INDEX ix_referrals_assignee_due ON referrals (assignee, due_at);
            """),
        // v10 (a clinic's recent discharges, GET /api/clinic/cases): discharged cases only accumulate, so the clinic's
        // few of the last days are a range of this index rather than a filter over every discharge in the store.
        (10, """
            CREATE INDEX ix_referrals_status_clinic_updated ON referrals (status, clinic_id, updated_at);
            """),
    ];

    /// <summary>What a migration needs done in code after its SQL, in its transaction (the connection's): filling in
    /// what SQL cannot compute from the rows already stored.</summary>
    public static readonly IReadOnlyDictionary<int, Func<NpgsqlConnection, CancellationToken, Task>> Backfills =
        new Dictionary<int, Func<NpgsqlConnection, CancellationToken, Task>>
        {
            [6] = PostgresSearchTerms.BackfillAsync,
        };
}
