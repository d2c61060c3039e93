namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// One append as ONE statement, so a whole group commit goes to the server in one round trip. The first CTE moves
/// the grain's head only if its version is the expected one; every other step writes only when that row came back,
/// so a stale append leaves nothing behind while the rest of the batch commits. A later statement of the same batch
/// sees the head moved by an earlier one, so two appends to one grain in one batch conflict as they should.
/// Parameters: $1 type, $2 key, $3 expected version, $4 new version, $5..$8 event types, data, actors, times (arrays),
/// $9 snapshot data, $10 snapshot time, $11/$12 index names and values (arrays), $13..$16 reminders set (names, due
/// times, periods in µs, ETags: arrays), $17 reminders removed (names).
/// </summary>
internal static class PostgresSingleAppendSql
{
    private static readonly Dictionary<(HeadMove, bool, bool, bool, bool), string> Variants = Build();

    /// <summary>How the head is checked and moved.</summary>
    public enum HeadMove
    {
        /// <summary>First append: insert the head; an existing head means someone else wrote first.</summary>
        Insert,

        /// <summary>Later append: compare-and-set the head's version.</summary>
        Update,

        /// <summary>No events (a snapshot or index only): check the version without moving it.</summary>
        Check,
    }

    public static string For(HeadMove head, bool snapshot, bool index, bool setsReminders, bool removesReminders) =>
        Variants[(head, snapshot, index, setsReminders, removesReminders)];

    private static Dictionary<(HeadMove, bool, bool, bool, bool), string> Build()
    {
        bool[] both = [false, true];
        var variants = new Dictionary<(HeadMove, bool, bool, bool, bool), string>();
        foreach (var head in Enum.GetValues<HeadMove>())
        {
            foreach (var (snapshot, index, sets, removes) in
                     from a in both from b in both from c in both from d in both select (a, b, c, d))
            {
                variants[(head, snapshot, index, sets, removes)] = Compose(head, snapshot, index, sets, removes);
            }
        }

        return variants;
    }

    private static string Compose(HeadMove head, bool snapshot, bool index, bool setsReminders, bool removesReminders)
    {
        var headSql = head switch
        {
            HeadMove.Insert => "INSERT INTO grain_heads (grain_type, grain_key, version) VALUES ($1, $2, $4) ON CONFLICT DO NOTHING RETURNING version",
            HeadMove.Update => "UPDATE grain_heads SET version = $4 WHERE grain_type = $1 AND grain_key = $2 AND version = $3 RETURNING version",
            _ => "SELECT $3::bigint AS version WHERE COALESCE((SELECT version FROM grain_heads WHERE grain_type = $1 AND grain_key = $2), 0) = $3",
        };
        var sql = $"""
            WITH head AS ({headSql}),
            ev AS (
                INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts)
                SELECT $1, $2, $3 + e.ord, e.event_type, e.data, e.actor, e.ts
                FROM unnest($5::text[], $6::text[], $7::text[], $8::timestamptz[]) WITH ORDINALITY AS e(event_type, data, actor, ts, ord)
                WHERE EXISTS (SELECT 1 FROM head)
                RETURNING position)
            """;
        if (snapshot)
        {
            sql += """
                ,
                snap AS (
                    INSERT INTO snapshots (grain_type, grain_key, version, data, ts)
                    SELECT $1, $2, $4, $9, $10 WHERE EXISTS (SELECT 1 FROM head)
                    ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, data = excluded.data, ts = excluded.ts
                    RETURNING 1)
                """;
        }

        if (index)
        {
            // Upsert the new entries and delete the others: the two touch different rows, as one statement must.
            // An entry whose value did not change is not rewritten (no dead tuple, no index churn).
            sql += """
                ,
                idx_del AS (
                    DELETE FROM grain_index
                    WHERE grain_type = $1 AND grain_key = $2 AND name <> ALL($11::text[]) AND EXISTS (SELECT 1 FROM head)
                    RETURNING 1),
                idx_put AS (
                    INSERT INTO grain_index (grain_type, grain_key, name, value)
                    SELECT $1, $2, i.name, i.value FROM unnest($11::text[], $12::text[]) AS i(name, value)
                    WHERE EXISTS (SELECT 1 FROM head)
                    ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET value = excluded.value
                    WHERE grain_index.value <> excluded.value
                    RETURNING 1)
                """;
        }

        if (setsReminders)
        {
            // As the reminder table's own upsert; the names are distinct (one statement may not touch a row twice).
            sql += """
                ,
                rem_put AS (
                    INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, etag)
                    SELECT $1, $2, r.name, r.due_at, r.period_us, r.etag
                    FROM unnest($13::text[], $14::timestamptz[], $15::bigint[], $16::text[]) AS r(name, due_at, period_us, etag)
                    WHERE EXISTS (SELECT 1 FROM head)
                    ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_us = excluded.period_us, etag = excluded.etag
                    RETURNING 1)
                """;
        }

        if (removesReminders)
        {
            sql += """
                ,
                rem_del AS (
                    DELETE FROM reminders
                    WHERE grain_type = $1 AND grain_key = $2 AND name = ANY($17::text[]) AND EXISTS (SELECT 1 FROM head)
                    RETURNING 1)
                """;
        }

        sql += """

            SELECT (SELECT count(*) FROM head),
                   (SELECT max(position) FROM ev),
                   (SELECT version FROM grain_heads WHERE grain_type = $1 AND grain_key = $2)
            """;
        return sql;
    }
}
