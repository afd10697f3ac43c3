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
    ];
}
