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
    ];
}
