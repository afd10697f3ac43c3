namespace IptTriage.DurableTask.Sqlite.Storage.Sqlite;

/// <summary>
/// The store's tables (PRAGMA user_version). Times are UTC ticks; history events, queued messages and failure details
/// are Durable Task protobuf messages (<c>orchestrator_service.proto</c>), as Durable Functions' backends keep them.
/// Version 1 held this engine's own JSON events, which Microsoft's executor cannot replay.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS instances (
            instance_id     TEXT    NOT NULL PRIMARY KEY,
            name            TEXT    NOT NULL,
            status          INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            last_updated_at INTEGER NOT NULL,
            input           TEXT,
            output          TEXT,
            custom_status   TEXT,
            failure         BLOB
        );
        CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (created_at, instance_id);
        CREATE INDEX IF NOT EXISTS ix_instances_status_created ON instances (status, created_at, instance_id);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT    NOT NULL,
            seq         INTEGER NOT NULL,
            event       BLOB    NOT NULL,
            PRIMARY KEY (instance_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS messages (
            id          INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT    NOT NULL,
            visible_at  INTEGER NOT NULL,
            event       BLOB    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_messages_instance ON messages (instance_id);
        CREATE TABLE IF NOT EXISTS activities (
            id          INTEGER NOT NULL PRIMARY KEY,
            instance_id TEXT    NOT NULL,
            task_id     INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            input       TEXT
        );
        """;
}
