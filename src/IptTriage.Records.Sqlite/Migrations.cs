using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>Schema versions, applied in order, each once, each in its own transaction. Append; never edit a shipped one.</summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All =
    [
        (1, """
            CREATE TABLE referrals (
                referral_id    TEXT PRIMARY KEY,
                status         TEXT NOT NULL,
                received_at    TEXT NOT NULL,
                updated_at     TEXT NOT NULL,
                form           BLOB NOT NULL,
                outcome        TEXT,
                pathway        TEXT,
                modality       TEXT,
                adaptations    TEXT,
                urgency        TEXT,
                policy_version TEXT,
                decision_json  TEXT,
                clinic_id      TEXT,
                due_at         TEXT
            );
            CREATE INDEX ix_referrals_status ON referrals (status, received_at);

            CREATE TABLE audit (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                referral_id    TEXT NOT NULL,
                at             TEXT NOT NULL,
                step           TEXT NOT NULL,
                actor          TEXT NOT NULL,
                rules          TEXT NOT NULL,
                detail         TEXT NOT NULL,
                recipient_hash TEXT,
                policy_version TEXT
            );
            CREATE INDEX ix_audit_referral ON audit (referral_id, id);
            CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
            CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

            CREATE TABLE clinic_reservations (
                clinic_id   TEXT NOT NULL,
                referral_id TEXT NOT NULL,
                reserved_at TEXT NOT NULL,
                PRIMARY KEY (clinic_id, referral_id)
            );

            CREATE TABLE notifications (
                key                 TEXT PRIMARY KEY,
                referral_id         TEXT NOT NULL,
                kind                TEXT NOT NULL,
                recipient_hash      TEXT NOT NULL,
                state               TEXT NOT NULL,
                at                  TEXT NOT NULL,
                provider_message_id TEXT,
                failure_reason      TEXT
            );
            CREATE INDEX ix_notifications_referral ON notifications (referral_id, at);
            """),
        // v2: the audit trail is coded. Facts that were only in the system's detail text become columns, filled here
        // from the rows written before, where the text says them; detail becomes optional (a person's reason only).
        // SQLite cannot relax NOT NULL in place, so the table is rebuilt (ids kept, so the order written is kept),
        // which also fills the columns without an UPDATE the append-only triggers would refuse.
        (2, """
            CREATE TABLE audit_v2 (
                id                    INTEGER PRIMARY KEY AUTOINCREMENT,
                referral_id           TEXT NOT NULL,
                at                    TEXT NOT NULL,
                step                  TEXT NOT NULL,
                actor                 TEXT NOT NULL,
                rules                 TEXT NOT NULL,
                detail                TEXT,
                recipient_hash        TEXT,
                policy_version        TEXT,
                clinic_id             TEXT,
                notification_kind     TEXT,
                notification_sequence INTEGER,
                due_at                TEXT,
                outcome               TEXT,
                pathway               TEXT,
                modality              TEXT,
                urgency               TEXT,
                review_choice         TEXT
            );
            INSERT INTO audit_v2 (id, referral_id, at, step, actor, rules, detail, recipient_hash, policy_version, clinic_id, notification_kind, due_at)
            SELECT id, referral_id, at, step, actor, rules, detail, recipient_hash, policy_version,
                CASE
                    WHEN step = 'offered' AND detail GLOB 'offered to clinic *;*' THEN substr(detail, 19, instr(detail, ';') - 19)
                    WHEN step = 'clinic-accepted' AND detail GLOB 'placed with clinic *' THEN substr(detail, 20)
                    WHEN step IN ('clinic-declined', 'clinic-timed-out') AND detail GLOB 'slot at clinic * released' THEN substr(detail, 16, length(detail) - 24)
                    WHEN step = 'placed-manually' AND detail GLOB 'placed with clinic * by hand' THEN substr(detail, 20, length(detail) - 27)
                    WHEN actor GLOB 'clinic:*' THEN substr(actor, 8)
                END,
                CASE
                    WHEN step = 'notified' AND detail GLOB '* sent by email' THEN substr(detail, 1, length(detail) - 14)
                    WHEN step = 'notification-failed' AND detail GLOB '* not delivered after *' THEN substr(detail, 1, instr(detail, ' ') - 1)
                    WHEN step = 'notification-skipped' AND detail GLOB '*: *' THEN substr(detail, 1, instr(detail, ':') - 1)
                END,
                -- "reply due 2026-11-02 10:20 UTC", to the round-trip UTC text every time column holds.
                CASE
                    WHEN step = 'offered' AND detail GLOB '*; reply due ????-??-?? ??:?? UTC'
                    THEN substr(detail, length(detail) - 19, 10) || 'T' || substr(detail, length(detail) - 8, 5) || ':00.0000000Z'
                END
            FROM audit;
            DROP TABLE audit;
            ALTER TABLE audit_v2 RENAME TO audit;
            CREATE INDEX ix_audit_referral ON audit (referral_id, id);
            -- Each notification has at most one entry saying how it went: the database, not only the code, keeps a
            -- retried send from auditing twice. Rows from before v2 have no sequence and are outside it.
            CREATE UNIQUE INDEX ux_audit_notification_outcome ON audit (referral_id, notification_kind, notification_sequence)
                WHERE step IN ('notified', 'notification-failed') AND notification_sequence IS NOT NULL;
            CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
            CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
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
                username        TEXT PRIMARY KEY,
                display_name    TEXT NOT NULL,
                role            TEXT NOT NULL,
                password_hash   TEXT NOT NULL,
                disabled        INTEGER NOT NULL DEFAULT 0,
                failed_sign_ins INTEGER NOT NULL DEFAULT 0,
                locked_until    TEXT,
                security_stamp  TEXT NOT NULL,
                created_at      TEXT NOT NULL
            );
            CREATE TABLE staff_account_events (
                id       INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT NOT NULL,
                at       TEXT NOT NULL,
                kind     TEXT NOT NULL,
                actor    TEXT NOT NULL
            );
            CREATE INDEX ix_staff_account_events ON staff_account_events (username, id);
            CREATE TRIGGER staff_account_events_are_append_only_update BEFORE UPDATE ON staff_account_events
                BEGIN SELECT RAISE(ABORT, 'account events are append-only'); END;
            CREATE TRIGGER staff_account_events_are_append_only_delete BEFORE DELETE ON staff_account_events
                BEGIN SELECT RAISE(ABORT, 'account events are append-only'); END;
            """),
        // v5: coordinators set a clinic's effective capacity (the directory's until they do), each change in the
        // clinic's own append-only audit trail; a reason for placing a case by hand names the coded mismatches.
        (5, """
            CREATE TABLE clinic_capacities (
                clinic_id  TEXT PRIMARY KEY,
                capacity   INTEGER NOT NULL CHECK (capacity >= 0),
                updated_at TEXT NOT NULL
            );
            CREATE TABLE clinic_audit (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                clinic_id     TEXT NOT NULL,
                at            TEXT NOT NULL,
                step          TEXT NOT NULL,
                actor         TEXT NOT NULL,
                detail        TEXT,
                capacity_from INTEGER,
                capacity_to   INTEGER,
                in_use        INTEGER
            );
            CREATE INDEX ix_clinic_audit_clinic ON clinic_audit (clinic_id, id);
            CREATE TRIGGER clinic_audit_is_append_only_update BEFORE UPDATE ON clinic_audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
            CREATE TRIGGER clinic_audit_is_append_only_delete BEFORE DELETE ON clinic_audit
                BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
            ALTER TABLE audit ADD COLUMN mismatches TEXT;
            """),
        // v6: case work (issue 12). Indexes for the list's due and urgency orders; a case's assignee, with the coded
        // audit field that records it; the client's searchable terms (SearchTerms: folded name words, date of birth),
        // which the backfill below reads the stored forms for; and case notes, whose text lives here only.
        (6, """
            ALTER TABLE referrals ADD COLUMN assignee TEXT;
            CREATE INDEX ix_referrals_assignee ON referrals (assignee, received_at, referral_id);
            -- The list's due and urgency orders are expressions (ReferralQuery.KeyOf), kept as virtual columns so that
            -- they are indexed alone and after the status filter a worklist nearly always has: a page is read in
            -- order, and a cursor seeks (SQLite seeks on a row value of columns, not of expressions).
            ALTER TABLE referrals ADD COLUMN due_rank INTEGER GENERATED ALWAYS AS (CASE WHEN due_at IS NULL THEN 1 ELSE 0 END) VIRTUAL;
            ALTER TABLE referrals ADD COLUMN due_key TEXT GENERATED ALWAYS AS (coalesce(due_at, received_at)) VIRTUAL;
            ALTER TABLE referrals ADD COLUMN urgency_rank INTEGER GENERATED ALWAYS AS (CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'routine' THEN 2 ELSE 3 END) VIRTUAL;
            CREATE INDEX ix_referrals_due_order ON referrals (due_rank, due_key, referral_id);
            CREATE INDEX ix_referrals_urgency_order ON referrals (urgency_rank, received_at, referral_id);
            CREATE INDEX ix_referrals_status_due_order ON referrals (status, due_rank, due_key, referral_id);
            CREATE INDEX ix_referrals_status_urgency_order ON referrals (status, urgency_rank, received_at, referral_id);
            CREATE INDEX ix_referrals_status_received ON referrals (status, received_at, referral_id);
            ALTER TABLE audit ADD COLUMN assignee TEXT;
            CREATE TABLE referral_search (
                term        TEXT NOT NULL,
                referral_id TEXT NOT NULL,
                PRIMARY KEY (term, referral_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_referral_search_referral ON referral_search (referral_id);
            CREATE TABLE case_notes (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                referral_id TEXT NOT NULL,
                at          TEXT NOT NULL,
                author      TEXT NOT NULL,
                text        TEXT NOT NULL
            );
            CREATE INDEX ix_case_notes_referral ON case_notes (referral_id, id);
            """),
        // v7: the whole lifecycle (issue 12): why a case was closed, how its care ended, as codes.
        (7, """
            ALTER TABLE audit ADD COLUMN close_reason TEXT;
            ALTER TABLE audit ADD COLUMN discharge_reason TEXT;
            """),
        // v8 (FHIR intake, docs/fhir.md): a referral that arrived as FHIR keeps the payload its form was mapped from,
        // for audit.
        (8, """
            ALTER TABLE referrals ADD COLUMN source BLOB;
            ALTER TABLE referrals ADD COLUMN source_media_type TEXT;
            """),
        // v10 (a clinic's recent discharges, GET /api/clinic/cases): discharged cases only accumulate, so the clinic's
        // few of the last days are a range of this index rather than a filter over every discharge in the store. (v9
        // is PostgreSQL's alone; a version names the same change on both backends.)
        (10, """
            CREATE INDEX ix_referrals_status_clinic_updated ON referrals (status, clinic_id, updated_at);
            """),
    ];

    /// <summary>What a migration needs done in code after its SQL, in its transaction: filling in what SQL cannot
    /// compute from the rows already stored.</summary>
    public static readonly IReadOnlyDictionary<int, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>> Backfills =
        new Dictionary<int, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task>>
        {
            [6] = SqliteSearchTerms.BackfillAsync,
        };
}
