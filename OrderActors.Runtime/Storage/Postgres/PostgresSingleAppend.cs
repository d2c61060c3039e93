using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// A round of ONE append (a hot SKU's usual commit) as the statement made for one append
/// (<see cref="PostgresSingleAppendSql"/>): with nothing to amortise, the batched statement's extra steps (the
/// appends' table, the join of each part to the stored ones, the last-position aggregate) cost a hot SKU's commit
/// 0.4–0.7 ms, a fifth to a third of its reservations/s.
/// </summary>
internal static class PostgresSingleAppend
{
    public static NpgsqlBatchCommand Command(AppendWrite write)
    {
        var request = write.Request;
        var head = request.Events.Count == 0 ? PostgresSingleAppendSql.HeadMove.Check
            : request.ExpectedVersion == 0 ? PostgresSingleAppendSql.HeadMove.Insert
            : PostgresSingleAppendSql.HeadMove.Update;
        var events = request.Events;
        var types = new string[events.Count];
        var data = new string[events.Count];
        var actors = new string[events.Count];
        var times = new DateTime[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            types[i] = events[i].EventType;
            data[i] = events[i].Data;
            actors[i] = events[i].Actor;
            times[i] = StorageTime.Truncate(events[i].Timestamp).UtcDateTime;
        }

        // One value per name (the last wins), as a primary key on (grain, name) needs.
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in request.Index ?? [])
        {
            index[entry.Name] = entry.Value;
        }

        var (setNames, setDue, setPeriods, setETags, removed) = ReminderArrays(write);
        var command = new NpgsqlBatchCommand(PostgresSingleAppendSql.For(head, request.Snapshot is not null, request.Index is not null, setNames.Length > 0, removed.Length > 0));
        command.Parameters.AddRange((NpgsqlParameter[])[
            Text(request.GrainId.Type),
            Text(request.GrainId.Key),
            Bigint(request.ExpectedVersion),
            Bigint(write.NewVersion),
            TextArray(types),
            TextArray(data),
            TextArray(actors),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = times },
            Text(request.Snapshot?.Data),
            request.Snapshot is { } snapshot ? Time(snapshot.Timestamp) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DBNull.Value },
            TextArray([.. index.Keys]),
            TextArray([.. index.Values]),
            TextArray(setNames),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = setDue },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = setPeriods },
            TextArray(setETags),
            TextArray(removed)]);
        return command;
    }

    /// <summary>The append's reminder changes as columns: those set (name, due, period, ETag) and the names removed.</summary>
    private static (string[] Names, DateTime[] Due, long?[] Periods, string[] ETags, string[] Removed) ReminderArrays(AppendWrite write)
    {
        if (write.Request.Reminders is not { Count: > 0 } changes)
        {
            return ([], [], [], [], []);
        }

        var sets = 0;
        foreach (var change in changes)
        {
            sets += change.IsRemoval ? 0 : 1;
        }

        var (names, due, periods, etags) = (new string[sets], new DateTime[sets], new long?[sets], new string[sets]);
        var removed = new string[changes.Count - sets];
        var (s, r) = (0, 0);
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.DueAt is { } dueAt)
            {
                (names[s], due[s], periods[s], etags[s]) = (change.Name, StorageTime.Truncate(dueAt).UtcDateTime, StorageTime.ToMicroseconds(change.Period), write.ReminderETags[i]!);
                s++;
            }
            else
            {
                removed[r++] = change.Name;
            }
        }

        return (names, due, periods, etags, removed);
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Bigint(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    private static NpgsqlParameter TextArray(string[] value) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = value };

    private static NpgsqlParameter Time(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = StorageTime.Truncate(value).UtcDateTime };
}
