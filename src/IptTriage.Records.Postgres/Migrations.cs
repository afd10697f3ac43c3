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
        // v7 (FHIR intake, docs/fhir.md): a referral that arrived as FHIR keeps the payload its form was mapped from,
        // for audit. Numbered 7 beside work taking 4-6 in parallel; versions are applied by number, not position.
        (7, """
            ALTER TABLE referrals ADD COLUMN source bytea, ADD COLUMN source_media_type text;
            """),
    ];
}
