using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// Turns a group commit into statements: each run of consecutive appends becomes one <see cref="PostgresAppendSql.Batch"/>
/// statement per "round" (a grain's first append of the run in the first, its second in the next, ...), every other
/// write one statement of its own, all in the batch's order, so what each grain sees is what one statement per write
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
        var (ordinals, types, keys, expected, newVersions, hasIndex) = (new int[n], new string[n], new string[n], new long[n], new long[n], new bool[n]);
        var events = new Columns(6);
        var snapshots = new Columns(3);
        var index = new Columns(3);
        var setReminders = new Columns(5);
        var removedReminders = new Columns(2);
        for (var w = 0; w < n; w++)
        {
            var write = (AppendWrite)round[w];
            var request = write.Request;
            (ordinals[w], types[w], keys[w], expected[w], newVersions[w], hasIndex[w]) =
                (w, request.GrainId.Type, request.GrainId.Key, request.ExpectedVersion, write.NewVersion, request.Index is not null);
            for (var i = 0; i < request.Events.Count; i++)
            {
                var e = request.Events[i];
                events.Add(w, request.ExpectedVersion + i + 1, e.EventType, e.Data, e.Actor, StorageTime.Truncate(e.Timestamp).UtcDateTime);
            }

            if (request.Snapshot is { } snapshot)
            {
                snapshots.Add(w, snapshot.Data, StorageTime.Truncate(snapshot.Timestamp).UtcDateTime);
            }

            AddIndex(index, w, request.Index);
            AddReminders(setReminders, removedReminders, w, write);
        }

        var command = new NpgsqlBatchCommand(PostgresAppendSql.Batch);
        List<NpgsqlParameter> parameters =
        [
            Column(NpgsqlDbType.Integer, ordinals), Column(NpgsqlDbType.Text, types), Column(NpgsqlDbType.Text, keys),
            Column(NpgsqlDbType.Bigint, expected), Column(NpgsqlDbType.Bigint, newVersions), Column(NpgsqlDbType.Boolean, hasIndex),
            .. events.Parameters(NpgsqlDbType.Integer, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz),
            .. snapshots.Parameters(NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz),
            .. index.Parameters(NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text),
            .. setReminders.Parameters(NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bigint, NpgsqlDbType.Text),
            .. removedReminders.Parameters(NpgsqlDbType.Integer, NpgsqlDbType.Text),
        ];
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Stages the outcome of the append a row of <see cref="PostgresAppendSql.Batch"/> reports.</summary>
    public static void Stage(AppendWrite write, NpgsqlDataReader row)
    {
        if (row.GetInt32(1) == 1)
        {
            write.SetResult(new AppendResult(write.NewVersion, row.IsDBNull(2) ? 0 : row.GetInt64(2)));
        }
        else
        {
            var actual = row.IsDBNull(3) ? 0 : row.GetInt64(3);
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

    private static void AddIndex(Columns index, int w, IReadOnlyList<IndexEntry>? entries)
    {
        if (entries is not { Count: > 0 })
        {
            return;
        }

        // One value per name (the last wins), as a primary key on (grain, name) needs.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            values[entry.Name] = entry.Value;
        }

        foreach (var (name, value) in values)
        {
            index.Add(w, name, value);
        }
    }

    private static void AddReminders(Columns set, Columns removed, int w, AppendWrite write)
    {
        if (write.Request.Reminders is not { Count: > 0 } changes)
        {
            return;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.DueAt is { } dueAt)
            {
                set.Add(w, change.Name, StorageTime.Truncate(dueAt).UtcDateTime, StorageTime.ToMicroseconds(change.Period), write.ReminderETags[i]!);
            }
            else
            {
                removed.Add(w, change.Name);
            }
        }
    }

    private static NpgsqlParameter Column<T>(NpgsqlDbType type, T[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values };

    /// <summary>The rows of one part of the statement, column by column; each column goes as one array parameter.</summary>
    private sealed class Columns(int count)
    {
        private readonly List<object?>[] _columns = [.. Enumerable.Range(0, count).Select(_ => new List<object?>())];

        public void Add(params object?[] row)
        {
            for (var c = 0; c < row.Length; c++)
            {
                _columns[c].Add(row[c]);
            }
        }

        public IEnumerable<NpgsqlParameter> Parameters(params NpgsqlDbType[] types) =>
            types.Select((type, c) => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = Typed(type, _columns[c]) });

        private static object Typed(NpgsqlDbType type, List<object?> values) => type switch
        {
            NpgsqlDbType.Integer => values.Select(v => (int)v!).ToArray(),
            NpgsqlDbType.Bigint => values.Select(v => (long?)v).ToArray(),
            NpgsqlDbType.TimestampTz => values.Select(v => (DateTime)v!).ToArray(),
            _ => values.Select(v => (string)v!).ToArray(),
        };
    }
}
