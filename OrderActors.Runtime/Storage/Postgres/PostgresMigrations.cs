using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, as an ordered list of migrations applied at <c>InitializeAsync</c> under an advisory lock
/// (so silos starting together apply each step once).
/// <para>
/// To add tables or columns (API keys, outbox, ...): append a <see cref="SchemaMigration"/> with the next version
/// number at the END of <see cref="All"/>, and the same step to <c>SqliteMigrations</c>. Never edit, renumber or
/// remove a migration that has been merged; write a new one that alters instead. Each migration runs once, in its
/// own transaction, and records its version in <c>schema_version</c>.
/// </para>
/// Keys and index values use <c>COLLATE "C"</c>: ordering and range filters are ordinal, as the contracts say, in
/// whatever locale the database was created. Event and snapshot data are text holding JSON, stored verbatim.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "journal, heads, snapshots, query index, reminders, documents", """
            CREATE TABLE events (
                position   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                version    bigint      NOT NULL,
                event_type text        NOT NULL,
                data       text        NOT NULL,
                actor      text        NOT NULL,
                ts         timestamptz NOT NULL,
                UNIQUE (grain_type, grain_key, version)
            );
            CREATE TABLE grain_heads (
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                version    bigint NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            );
            CREATE TABLE snapshots (
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                version    bigint      NOT NULL,
                data       text        NOT NULL,
                ts         timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            );
            CREATE TABLE grain_index (
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                name       text COLLATE "C" NOT NULL,
                value      text COLLATE "C" NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            );
            CREATE INDEX ix_grain_index_value ON grain_index (grain_type, name, value, grain_key);
            CREATE TABLE reminders (
                grain_type text COLLATE "C" NOT NULL,
                grain_key  text COLLATE "C" NOT NULL,
                name       text COLLATE "C" NOT NULL,
                due_at     timestamptz NOT NULL,
                period_us  bigint      NULL,
                etag       text        NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            );
            CREATE INDEX ix_reminders_due ON reminders (due_at);
            CREATE TABLE documents (
                collection text COLLATE "C" NOT NULL,
                doc_key    text COLLATE "C" NOT NULL,
                data       text        NOT NULL,
                version    bigint      NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (collection, doc_key)
            );
            """),
        new(2, "documents by age, so the retention pass deletes old dedup records without scanning the young ones", """
            CREATE INDEX ix_documents_age ON documents (collection, updated_at);
            """),
    ];
}
