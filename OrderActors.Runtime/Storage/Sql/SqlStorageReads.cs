using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Storage.Sql;

/// <summary>
/// The read side of the SQL providers. Reads never go through the writer queue: each opens a short-lived pooled
/// connection, runs its query and returns it. The schema is the same in both providers (see the migrations).
/// </summary>
internal sealed class SqlStorageReads(Func<CancellationToken, Task<DbConnection>> openAsync, SqlDialect dialect)
{
    private readonly string _eventColumns =
        $"position AS Position, grain_type AS GrainType, grain_key AS GrainKey, version AS Version, event_type AS EventType, data AS Data, actor AS Actor, {dialect.UnixMicroseconds("ts")} AS TsMicros";

    /// <summary>The activation load: the snapshot row (<c>Kind</c> 0), then the events after it (1); parameters <c>@Type</c>, <c>@Key</c>.</summary>
    internal string LoadSql { get; } =
        $"""
         SELECT 0 AS Kind, 0 AS Position, version AS Version, '' AS EventType, data AS Data, '' AS Actor, {dialect.UnixMicroseconds("ts")} AS TsMicros
         FROM snapshots WHERE grain_type = @Type AND grain_key = @Key
         UNION ALL
         SELECT 1, position, version, event_type, data, actor, {dialect.UnixMicroseconds("ts")}
         FROM events WHERE grain_type = @Type AND grain_key = @Key
           AND version > COALESCE((SELECT s.version FROM snapshots s WHERE s.grain_type = @Type AND s.grain_key = @Key), 0)
         ORDER BY Kind, Version
         """;

    private readonly string _reminderColumns =
        $"grain_type AS GrainType, grain_key AS GrainKey, name AS Name, {dialect.UnixMicroseconds("due_at")} AS DueMicros, period_us AS PeriodUs, etag AS ETag";

    private readonly string _documentColumns =
        $"collection AS Collection, doc_key AS Key, data AS Data, version AS Version, {dialect.UnixMicroseconds("updated_at")} AS UpdatedMicros";

    /// <summary>One document by collection and key (SQLite prepares it once per reader connection: <c>SqlitePreparedReads</c>).</summary>
    internal string GetDocumentSql => $"SELECT {_documentColumns} FROM documents WHERE collection = @Collection AND doc_key = @Key";

    public async Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            // One statement (one snapshot of the database in both engines): the snapshot row, then the events after the
            // version of that same snapshot. Every activation runs it, so it is one query, not two.
            var rows = await conn.QueryAsync<LoadRow>(new CommandDefinition(
                LoadSql, new { Type = grainId.Type, Key = grainId.Key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var load = new JournalLoadRows(grainId);
            foreach (var row in rows)
            {
                load.Add(row.Kind, row.Position, row.Version, row.EventType, row.Data, row.Actor, row.TsMicros);
            }

            return load.ToLoad();
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grainId, long afterVersion, int maxCount, CancellationToken cancellationToken) =>
        QueryEventsAsync(
            $"SELECT {_eventColumns} FROM events WHERE grain_type = @Type AND grain_key = @Key AND version > @After ORDER BY version LIMIT @Max",
            new { Type = grainId.Type, Key = grainId.Key, After = afterVersion, Max = CheckCount(maxCount) },
            cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken) =>
        QueryEventsAsync(
            $"SELECT {_eventColumns} FROM events WHERE position > @After ORDER BY position LIMIT @Max",
            new { After = afterPosition, Max = CheckCount(maxCount) },
            cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken) =>
        eventTypes.Count == 0
            ? ReadFeedAsync(afterPosition, maxCount, cancellationToken)
            : QueryEventsAsync(
                $"SELECT {_eventColumns} FROM events WHERE position > @After AND {dialect.InList("event_type", "@Types")} ORDER BY position LIMIT @Max",
                new { After = afterPosition, Types = eventTypes.ToArray(), Max = CheckCount(maxCount) },
                cancellationToken);

    public async Task<long> GetFeedHeadAsync(CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COALESCE(MAX(position), 0) FROM events", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckCount(query.Limit);
        var args = new DynamicParameters();
        args.Add("Type", query.GrainType);
        args.Add("Limit", query.Limit);
        var sql = new StringBuilder();
        if (query.Filters.Count == 0)
        {
            sql.Append("SELECT DISTINCT f.grain_key FROM grain_index f WHERE f.grain_type = @Type");
            AppendAfterKey(sql, args, query.AfterKey, "f");
            sql.Append(" ORDER BY f.grain_key LIMIT @Limit");
        }
        else
        {
            // One join per filter: each filter is an index seek on (grain_type, name, value).
            sql.Append("SELECT f0.grain_key FROM grain_index f0");
            for (var i = 1; i < query.Filters.Count; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $" JOIN grain_index f{i} ON f{i}.grain_type = f0.grain_type AND f{i}.grain_key = f0.grain_key AND ");
                AppendFilter(sql, args, query.Filters[i], i);
            }

            sql.Append(" WHERE f0.grain_type = @Type AND ");
            AppendFilter(sql, args, query.Filters[0], 0);
            AppendAfterKey(sql, args, query.AfterKey, "f0");
            sql.Append(" ORDER BY f0.grain_key LIMIT @Limit");
        }

        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var keys = (await conn.QueryAsync<string>(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
            if (keys.Count == 0)
            {
                return [];
            }

            var rows = await conn.QueryAsync<IndexRow>(new CommandDefinition(
                $"SELECT grain_key AS GrainKey, name AS Name, value AS Value FROM grain_index WHERE grain_type = @Type AND {dialect.InList("grain_key", "@Keys")}",
                new { Type = query.GrainType, Keys = keys },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var entries = keys.ToDictionary(k => k, _ => new Dictionary<string, string>(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var row in rows)
            {
                entries[row.GrainKey][row.Name] = row.Value;
            }

            return [.. keys.Select(k => new IndexedGrain(k, entries[k]))];
        }
    }

    public async Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string? afterKey, int maxCount, CancellationToken cancellationToken)
    {
        var args = new DynamicParameters();
        args.Add("Type", grainType);
        args.Add("Max", CheckCount(maxCount));
        // From the events' unique (type, key, version) index, which both providers have (SQLite keeps no per-grain head
        // row since its schema 2): an index-ordered scan that stops after @Max distinct keys.
        var sql = new StringBuilder("SELECT DISTINCT e.grain_key FROM events e WHERE e.grain_type = @Type");
        AppendAfterKey(sql, args, afterKey, "e");
        sql.Append(" ORDER BY e.grain_key LIMIT @Max");
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            return (await conn.QueryAsync<string>(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
        }
    }

    public async Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        var rows = await QueryRemindersAsync(
            $"SELECT {_reminderColumns} FROM reminders WHERE grain_type = @Type AND grain_key = @Key AND name = @Name",
            new { Type = grainId.Type, Key = grainId.Key, Name = name },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken) =>
        QueryRemindersAsync(
            $"SELECT {_reminderColumns} FROM reminders WHERE due_at <= @DueBy ORDER BY due_at, grain_type, grain_key, name LIMIT @Max",
            new { DueBy = dialect.TimeValue(dueBy), Max = CheckCount(maxCount) },
            cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken) =>
        QueryRemindersAsync(
            $"SELECT {_reminderColumns} FROM reminders WHERE grain_type = @Type AND grain_key = @Key ORDER BY name",
            new { Type = grainId.Type, Key = grainId.Key },
            cancellationToken);

    public async Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM reminders WHERE due_at <= @DueBy",
                new { DueBy = dialect.TimeValue(dueBy) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async Task<StoredDocument?> GetDocumentAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var row = await conn.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(
                GetDocumentSql,
                new { Collection = collection, Key = key },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return row?.ToDocument();
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> ListDocumentsAsync(string collection, string? afterKey, int maxCount, CancellationToken cancellationToken)
    {
        var args = new DynamicParameters();
        args.Add("Collection", collection);
        args.Add("Max", CheckCount(maxCount));
        var sql = new StringBuilder($"SELECT {_documentColumns} FROM documents d WHERE d.collection = @Collection");
        if (afterKey is not null)
        {
            sql.Append(" AND d.doc_key > @AfterKey");
            args.Add("AfterKey", afterKey);
        }

        sql.Append(" ORDER BY d.doc_key LIMIT @Max");
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToDocument())];
        }
    }

    private static int CheckCount(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1, nameof(maxCount));
        return maxCount;
    }

    private static void AppendAfterKey(StringBuilder sql, DynamicParameters args, string? afterKey, string alias)
    {
        if (afterKey is not null)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {alias}.grain_key > @AfterKey");
            args.Add("AfterKey", afterKey);
        }
    }

    private static void AppendFilter(StringBuilder sql, DynamicParameters args, IndexFilter filter, int i)
    {
        var op = filter.Operator switch
        {
            IndexOperator.Equal => "=",
            IndexOperator.GreaterOrEqual => ">=",
            IndexOperator.Less => "<",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown index operator."),
        };
        sql.Append(CultureInfo.InvariantCulture, $"f{i}.name = @N{i} AND f{i}.value {op} @V{i}");
        args.Add($"N{i}", filter.Name);
        args.Add($"V{i}", filter.Value);
    }

    private async Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(string sql, object args, CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var rows = await conn.QueryAsync<EventRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToStoredEvent())];
        }
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryRemindersAsync(string sql, object args, CancellationToken cancellationToken)
    {
        var conn = await openAsync(cancellationToken).ConfigureAwait(false);
        await using (conn.ConfigureAwait(false))
        {
            var rows = await conn.QueryAsync<ReminderRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToEntry())];
        }
    }
}
