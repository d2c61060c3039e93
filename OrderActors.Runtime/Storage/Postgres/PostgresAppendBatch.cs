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
        var rows = new PostgresAppendRows();
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

            rows.Add(w, write);
        }

        var command = new NpgsqlBatchCommand(PostgresAppendSql.For(snapshots.W.Count > 0, hasIndex.Contains(true), rows.Set.W.Count > 0, rows.Removed.W.Count > 0));
        (NpgsqlDbType Type, object Values)[] columns =
        [
            (NpgsqlDbType.Integer, ordinals), (NpgsqlDbType.Text, types), (NpgsqlDbType.Text, keys),
            (NpgsqlDbType.Bigint, expected), (NpgsqlDbType.Bigint, newVersions), (NpgsqlDbType.Boolean, hasIndex),
            (NpgsqlDbType.Integer, eventOrdinals), (NpgsqlDbType.Bigint, versions), (NpgsqlDbType.Text, eventTypes),
            (NpgsqlDbType.Text, data), (NpgsqlDbType.Text, actors), (NpgsqlDbType.TimestampTz, times),
            (NpgsqlDbType.Integer, snapshots.W), (NpgsqlDbType.Text, snapshots.Data), (NpgsqlDbType.TimestampTz, snapshots.Time),
            (NpgsqlDbType.Integer, rows.Index.W), (NpgsqlDbType.Text, rows.Index.Name), (NpgsqlDbType.Text, rows.Index.Value),
            (NpgsqlDbType.Integer, rows.Set.W), (NpgsqlDbType.Text, rows.Set.Name), (NpgsqlDbType.TimestampTz, rows.Set.Due),
            (NpgsqlDbType.Bigint, rows.Set.Period), (NpgsqlDbType.Text, rows.Set.ETag),
            (NpgsqlDbType.Integer, rows.Removed.W), (NpgsqlDbType.Text, rows.Removed.Name),
        ];
        foreach (var (type, values) in columns)
        {
            command.Parameters.Add(PostgresParameters.Array(type, values));
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
}
