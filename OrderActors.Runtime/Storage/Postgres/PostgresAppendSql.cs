namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// Many appends, to different grains, as ONE statement: a group commit of 37 appends was 37 statements, and each paid
/// PostgreSQL's fixed cost of a statement (bind, executor start-up of a ten-node plan, portal, end) on top of its
/// rows: in an intake profile executor start-up alone was 15% of the server's CPU, and the server's CPU per order was
/// twice the silo's. Every part of an append is an array with the append's ordinal (<c>w</c>) beside each row.
/// <para>
/// The head row is checked and moved first (inserted for a first append, compare-and-set for a later one, only
/// compared for an append without events); every other part writes only for the appends whose head came back
/// (<c>ok</c>), so a stale append leaves nothing behind while the others commit. Two appends to one grain cannot share
/// a statement (one statement may not change a row twice, and the second must see the first's head): the executor
/// puts them in successive statements of the same transaction, in order.
/// </para>
/// Events go in in the arrays' order (a filtered scan of their unnest, no join that could reorder them), so a grain's
/// positions follow its versions.
/// <para>
/// One row per append comes back, in ordinal order: its ordinal, 1 if it was stored, the position of its last
/// event, and the grain's version before the statement (what a stale append is told).
/// </para>
/// <para>
/// Parameters: $1..$6 the appends (ordinal, grain type, grain key, expected version, new version, replaces its
/// index); $7..$12 events (ordinal, version, type, data, actor, time); $13..$15 snapshots (ordinal, data, time);
/// $16..$18 index entries (ordinal, name, value); $19..$23 reminders set (ordinal, name, due time, period in µs,
/// ETag); $24/$25 reminders removed (ordinal, name).
/// </para>
/// </summary>
internal static class PostgresAppendSql
{
    private static readonly string[] Variants = [.. Enumerable.Range(0, 16).Select(Compose)];

    /// <summary>
    /// The statement for a round; parts no append of the round has (snapshot, index, reminders set, reminders removed)
    /// are left out: a hot SKU's round is one append of events only, and every part costs executor start-up.
    /// Their parameters are still sent (typed, so an unused one is no error).
    /// </summary>
    public static string For(bool snapshot, bool index, bool setsReminders, bool removesReminders) =>
        Variants[(snapshot ? 1 : 0) | (index ? 2 : 0) | (setsReminders ? 4 : 0) | (removesReminders ? 8 : 0)];

    private static string Compose(int parts) =>
        Head
        + ((parts & 1) != 0 ? Snapshot : "")
        + ((parts & 2) != 0 ? Index : "")
        + ((parts & 4) != 0 ? SetReminders : "")
        + ((parts & 8) != 0 ? RemoveReminders : "")
        + Result;

    private const string Head = """
        WITH req AS (
            SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bool[])
                AS r(w, gt, gk, expected, newv, has_index)),
        head_ins AS (
            INSERT INTO grain_heads (grain_type, grain_key, version)
            SELECT gt, gk, newv FROM req WHERE expected = 0 AND newv > 0
            ON CONFLICT DO NOTHING
            RETURNING grain_type, grain_key),
        head_upd AS (
            UPDATE grain_heads h SET version = r.newv FROM req r
            WHERE r.expected > 0 AND r.newv > r.expected
              AND h.grain_type = r.gt AND h.grain_key = r.gk AND h.version = r.expected
            RETURNING h.grain_type, h.grain_key),
        ok AS MATERIALIZED (
            SELECT r.* FROM req r
            WHERE CASE WHEN r.newv = r.expected
                       THEN COALESCE((SELECT h.version FROM grain_heads h WHERE h.grain_type = r.gt AND h.grain_key = r.gk), 0) = r.expected
                       ELSE EXISTS (SELECT 1 FROM head_ins i WHERE i.grain_type = r.gt AND i.grain_key = r.gk)
                         OR EXISTS (SELECT 1 FROM head_upd u WHERE u.grain_type = r.gt AND u.grain_key = r.gk)
                  END),
        ev AS (
            INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts)
            SELECT ($2::text[])[e.w + 1], ($3::text[])[e.w + 1], e.version, e.event_type, e.data, e.actor, e.ts
            FROM unnest($7::int[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
                AS e(w, version, event_type, data, actor, ts)
            WHERE e.w = ANY (ARRAY(SELECT ok.w FROM ok))
            RETURNING grain_type, grain_key, position),
        """;

    private const string Snapshot = """
        snap AS (
            INSERT INTO snapshots (grain_type, grain_key, version, data, ts)
            SELECT ok.gt, ok.gk, ok.newv, s.data, s.ts
            FROM unnest($13::int[], $14::text[], $15::timestamptz[]) AS s(w, data, ts)
            JOIN ok ON ok.w = s.w
            ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, data = excluded.data, ts = excluded.ts
            RETURNING 1),
        """;

    private const string Index = """
        idx AS MATERIALIZED (
            SELECT * FROM unnest($16::int[], $17::text[], $18::text[]) AS i(w, name, value)),
        idx_del AS (
            DELETE FROM grain_index g USING ok
            WHERE ok.has_index AND g.grain_type = ok.gt AND g.grain_key = ok.gk
              AND (ok.w, g.name) NOT IN (SELECT idx.w, idx.name FROM idx)
            RETURNING 1),
        idx_put AS (
            INSERT INTO grain_index (grain_type, grain_key, name, value)
            SELECT ok.gt, ok.gk, idx.name, idx.value
            FROM idx JOIN ok ON ok.w = idx.w
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET value = excluded.value
            WHERE grain_index.value <> excluded.value
            RETURNING 1),
        """;

    private const string SetReminders = """
        rem_put AS (
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, etag)
            SELECT ok.gt, ok.gk, r.name, r.due_at, r.period_us, r.etag
            FROM unnest($19::int[], $20::text[], $21::timestamptz[], $22::bigint[], $23::text[]) AS r(w, name, due_at, period_us, etag)
            JOIN ok ON ok.w = r.w
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_us = excluded.period_us, etag = excluded.etag
            RETURNING 1),
        """;

    private const string RemoveReminders = """
        rem_gone AS MATERIALIZED (
            SELECT ok.gt, ok.gk, d.name FROM unnest($24::int[], $25::text[]) AS d(w, name) JOIN ok ON ok.w = d.w),
        rem_del AS (
            DELETE FROM reminders m USING rem_gone x
            WHERE m.grain_type = x.gt AND m.grain_key = x.gk AND m.name = x.name
            RETURNING 1),
        """;

    private const string Result = """
        last_ev AS (
            SELECT grain_type, grain_key, max(position) AS position FROM ev GROUP BY grain_type, grain_key)
        SELECT r.w,
               (ok.w IS NOT NULL)::int::bigint,
               l.position,
               CASE WHEN ok.w IS NULL THEN (SELECT h.version FROM grain_heads h WHERE h.grain_type = r.gt AND h.grain_key = r.gk) END
        FROM req r
        LEFT JOIN ok ON ok.w = r.w
        LEFT JOIN last_ev l ON l.grain_type = r.gt AND l.grain_key = r.gk
        ORDER BY r.w
        """;
}
