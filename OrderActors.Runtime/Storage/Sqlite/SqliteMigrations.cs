using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The SQLite schema, as an ordered list of migrations applied at <c>InitializeAsync</c>.
/// <para>
/// To add tables or columns (API keys, outbox, ...): append a <see cref="SchemaMigration"/> with the next version
/// number at the END of <see cref="All"/>, and the same step to <c>PostgresMigrations</c>. Never edit, renumber or
/// remove a migration that has been merged: databases in the field have already applied it; write a new one that
/// alters instead. Each migration runs once, in its own transaction, and records its version in
/// <c>schema_version</c>, so starting twice (or two processes starting) applies nothing twice.
/// </para>
/// Times are unix microseconds UTC (INTEGER, see <see cref="StorageTime"/>); periods are microseconds.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "journal, heads, snapshots, query index, reminders, documents", """
            CREATE TABLE events (
                position   INTEGER PRIMARY KEY AUTOINCREMENT,
                grain_type TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                event_type TEXT    NOT NULL,
                data       TEXT    NOT NULL,
                actor      TEXT    NOT NULL,
                ts         INTEGER NOT NULL,
                UNIQUE (grain_type, grain_key, version)
            );
            CREATE TABLE grain_heads (
                grain_type TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            ) WITHOUT ROWID;
            CREATE TABLE snapshots (
                grain_type TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                data       TEXT    NOT NULL,
                ts         INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            );
            CREATE TABLE grain_index (
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                name       TEXT NOT NULL,
                value      TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            ) WITHOUT ROWID;
            CREATE INDEX ix_grain_index_value ON grain_index (grain_type, name, value, grain_key);
            CREATE TABLE reminders (
                grain_type TEXT    NOT NULL,
                grain_key  TEXT    NOT NULL,
                name       TEXT    NOT NULL,
                due_at     INTEGER NOT NULL,
                period_us  INTEGER NULL,
                etag       TEXT    NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            ) WITHOUT ROWID;
            CREATE INDEX ix_reminders_due ON reminders (due_at);
            CREATE TABLE documents (
                collection TEXT    NOT NULL,
                doc_key    TEXT    NOT NULL,
                data       TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (collection, doc_key)
            );
            """),
        new(2, "a grain's version is its last event's: grain_heads goes", """
            DROP TABLE grain_heads;
            """),
        new(3, "the query index moves to a file of its own; its changes are logged here until that file has them", """
            CREATE TABLE index_log (
                seq        INTEGER PRIMARY KEY,
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                entries    TEXT NOT NULL
            );
            """),
        new(4, "how far index_log was deleted, so an index file that is missing or from another backup is found at start", """
            CREATE TABLE index_log_state (
                id               INTEGER PRIMARY KEY CHECK (id = 1),
                trimmed_through  INTEGER NOT NULL
            );
            INSERT INTO index_log_state (id, trimmed_through) VALUES (1, 0);
            """),
        new(5, "documents by age, so the retention pass deletes old dedup records without scanning the young ones", """
            CREATE INDEX ix_documents_age ON documents (collection, updated_at);
            """),
    ];
}
