using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// Turns a group commit into statements: each run of consecutive appends becomes one <see cref="PostgresAppendSql"/>
/// statement per "round" (a grain's first append of the run in the first, its second in the next, ...; a round of one
/// append takes <see cref="PostgresSingleAppend"/>'s statement instead), every other write one statement of its own, all in the batch's order, so what each grain sees is what one statement per write
/// in queue order would have done.
/// </summary>
internal static class PostgresAppendBatch
{
    /// <summary>The batch's writes as steps: a round of appends to different grains, or one other write.</summary>
    public static List<WriteOperation[]> Plan(IReadOnlyList<WriteOperation> batch)
    {
        var steps = new List<WriteOperation[]>();
        var run = new List<AppendWrite>();
        foreach (var write in batch)
        {
            if (write is AppendWrite append)
            {
                run.Add(append);
                continue;
            }

            AddRounds(steps, run);
            steps.Add([write]);
        }

        AddRounds(steps, run);
        return steps;
    }

    /// <summary>One statement for the appends of a round; its rows come back in the round's order.</summary>
    public static NpgsqlBatchCommand Command(WriteOperation[] round)
    {
        var n = round.Length;
        var eventCount = 0;
        foreach (AppendWrite write in round)
        {
            eventCount += write.Request.Events.Count;
        }

        var (ordinals, types, keys, expected, newVersions, hasIndex) = (new int[n], new string[n], new string[n], new long[n], new long[n], new bool[n]);
        var (eventOrdinals, versions, eventTypes, data, actors, times) =
            (new int[eventCount], new long[eventCount], new string[eventCount], new string[eventCount], new string[eventCount], new DateTime[eventCount]);
        var snapshots = (W: new List<int>(), Data: new List<string>(), Time: new List<DateTime>());
        var index = (W: new List<int>(), Name: new List<string>(), Value: new List<string>());
        var set = (W: new List<int>(), Name: new List<string>(), Due: new List<DateTime>(), Period: new List<long?>(), ETag: new List<string>());
        var removed = (W: new List<int>(), Name: new List<string>());
        var e = 0;
        for (var w = 0; w < n; w++)
        {
            var write = (AppendWrite)round[w];
            var request = write.Request;
            (ordinals[w], types[w], keys[w], expected[w], newVersions[w], hasIndex[w]) =
                (w, request.GrainId.Type, request.GrainId.Key, request.ExpectedVersion, write.NewVersion, request.Index is not null);
            for (var i = 0; i < request.Events.Count; i++, e++)
            {
                var record = request.Events[i];
                (eventOrdinals[e], versions[e], eventTypes[e], data[e], actors[e], times[e]) =
                    (w, request.ExpectedVersion + i + 1, record.EventType, record.Data, record.Actor, StorageTime.Truncate(record.Timestamp).UtcDateTime);
            }

            if (request.Snapshot is { } snapshot)
            {
                snapshots.W.Add(w);
                snapshots.Data.Add(snapshot.Data);
                snapshots.Time.Add(StorageTime.Truncate(snapshot.Timestamp).UtcDateTime);
            }

            foreach (var (name, value) in DistinctNames(request.Index))
            {
                index.W.Add(w);
                index.Name.Add(name);
                index.Value.Add(value);
            }

            var changes = request.Reminders ?? [];
            for (var i = 0; i < changes.Count; i++)
            {
                if (changes[i].DueAt is { } dueAt)
                {
                    set.W.Add(w);
                    set.Name.Add(changes[i].Name);
                    set.Due.Add(StorageTime.Truncate(dueAt).UtcDateTime);
                    set.Period.Add(StorageTime.ToMicroseconds(changes[i].Period));
                    set.ETag.Add(write.ReminderETags[i]!);
                }
                else
                {
                    removed.W.Add(w);
                    removed.Name.Add(changes[i].Name);
                }
            }
        }

        var command = new NpgsqlBatchCommand(PostgresAppendSql.For(snapshots.W.Count > 0, hasIndex.Contains(true), set.W.Count > 0, removed.W.Count > 0));
        (NpgsqlDbType Type, object Values)[] columns =
        [
            (NpgsqlDbType.Integer, ordinals), (NpgsqlDbType.Text, types), (NpgsqlDbType.Text, keys),
            (NpgsqlDbType.Bigint, expected), (NpgsqlDbType.Bigint, newVersions), (NpgsqlDbType.Boolean, hasIndex),
            (NpgsqlDbType.Integer, eventOrdinals), (NpgsqlDbType.Bigint, versions), (NpgsqlDbType.Text, eventTypes),
            (NpgsqlDbType.Text, data), (NpgsqlDbType.Text, actors), (NpgsqlDbType.TimestampTz, times),
            (NpgsqlDbType.Integer, snapshots.W), (NpgsqlDbType.Text, snapshots.Data), (NpgsqlDbType.TimestampTz, snapshots.Time),
            (NpgsqlDbType.Integer, index.W), (NpgsqlDbType.Text, index.Name), (NpgsqlDbType.Text, index.Value),
            (NpgsqlDbType.Integer, set.W), (NpgsqlDbType.Text, set.Name), (NpgsqlDbType.TimestampTz, set.Due),
            (NpgsqlDbType.Bigint, set.Period), (NpgsqlDbType.Text, set.ETag),
            (NpgsqlDbType.Integer, removed.W), (NpgsqlDbType.Text, removed.Name),
        ];
        foreach (var (type, values) in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values });
        }

        return command;
    }

    /// <summary>
    /// Stages the outcome of an append from its row: from column <paramref name="first"/> on, 1 if it was stored, its
    /// last position, the grain's version (both append statements answer so; the batched one after the ordinal).
    /// </summary>
    public static void Stage(AppendWrite write, NpgsqlDataReader row, int first)
    {
        if (row.GetInt64(first) == 1)
        {
            write.SetResult(new AppendResult(write.NewVersion, row.IsDBNull(first + 1) ? 0 : row.GetInt64(first + 1)));
        }
        else
        {
            var actual = row.IsDBNull(first + 2) ? 0 : row.GetInt64(first + 2);
            write.SetFailure(new InconsistentStateException(write.Request.GrainId, write.Request.ExpectedVersion, actual));
        }
    }

    /// <summary>
    /// Splits a run of appends into rounds (a grain's k-th append of the run in round k) and adds them as steps; a run
    /// without repeated grains is one round.
    /// </summary>
    private static void AddRounds(List<WriteOperation[]> steps, List<AppendWrite> run)
    {
        if (run.Count == 0)
        {
            return;
        }

        var rounds = new List<List<WriteOperation>>();
        var seen = new Dictionary<GrainId, int>();
        foreach (var append in run)
        {
            var round = seen.TryGetValue(append.Request.GrainId, out var last) ? last + 1 : 0;
            seen[append.Request.GrainId] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(append);
        }

        foreach (var round in rounds)
        {
            steps.Add([.. round]);
        }

        run.Clear();
    }

    /// <summary>One value per name (the last wins), as a primary key on (grain, name) needs.</summary>
    private static IEnumerable<KeyValuePair<string, string>> DistinctNames(IReadOnlyList<IndexEntry>? entries)
    {
        if (entries is not { Count: > 0 })
        {
            return [];
        }

        var values = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            values[entry.Name] = entry.Value;
        }

        return values;
    }
}
