using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// The PostgreSQL side of group commit: a batch becomes one <see cref="NpgsqlBatch"/> (every write one statement,
/// each returning one row with its outcome) that the server runs as one implicit transaction, so a commit costs one
/// round trip whatever its size. Safe to call concurrently (each call takes its own pooled connection).
/// </summary>
internal sealed class PostgresWriteExecutor(NpgsqlDataSource dataSource) : IWriteBatchExecutor
{
    // Writers take this lock inside their transaction, so transactions that insert events commit in position order
    // and a change-feed reader that has seen position N never later finds a smaller position appear.
    private const string FeedLock = "SELECT pg_advisory_xact_lock(7036884019120340001)";

    private const string UpsertReminderSql =
        "INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, etag) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_us = excluded.period_us, etag = excluded.etag RETURNING 1::bigint";

    private const string RemoveReminderSql =
        "WITH d AS (DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND ($4::text IS NULL OR etag = $4) RETURNING 1) SELECT count(*) FROM d";

    private const string AdvanceReminderSql =
        "WITH u AS (UPDATE reminders SET due_at = $5, etag = $6 WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND etag = $4 RETURNING 1) SELECT count(*) FROM u";

    private const string InsertDocumentSql =
        "WITH i AS (INSERT INTO documents (collection, doc_key, data, version, updated_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM i";

    private const string UpdateDocumentSql =
        "WITH u AS (UPDATE documents SET data = $3, version = version + 1, updated_at = $4 WHERE collection = $1 AND doc_key = $2 AND version = $5 RETURNING 1) SELECT count(*) FROM u";

    private const string DeleteDocumentSql =
        "WITH d AS (DELETE FROM documents WHERE collection = $1 AND doc_key = $2 RETURNING 1) SELECT count(*) FROM d";

    public async Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // No explicit transaction: a batch is one implicit transaction (one Sync at its end), so the server commits
            // it as a whole after its last statement and the batch costs ONE round trip. Any statement error rolls the
            // whole batch back and surfaces here before a single caller is answered.
            var sqlBatch = new NpgsqlBatch(connection);
            await using (sqlBatch.ConfigureAwait(false))
            {
                sqlBatch.BatchCommands.Add(new NpgsqlBatchCommand(FeedLock));
                foreach (var write in batch)
                {
                    write.ResetOutcome();
                    sqlBatch.BatchCommands.Add(ToCommand(write));
                }

                var reader = await sqlBatch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    foreach (var write in batch)
                    {
                        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)
                            || !await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException("A write statement returned no outcome row.");
                        }

                        Stage(write, reader);
                    }

                    // Read to the end: the commit's outcome (ReadyForQuery, or an error) comes after the last row.
                    while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                    {
                    }
                }
                finally
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void Stage(WriteOperation write, NpgsqlDataReader row)
    {
        switch (write)
        {
            case AppendWrite append:
                if (row.GetInt64(0) == 1)
                {
                    append.SetResult(new AppendResult(append.NewVersion, row.IsDBNull(1) ? 0 : row.GetInt64(1)));
                }
                else
                {
                    var actual = row.IsDBNull(2) ? 0 : row.GetInt64(2);
                    append.SetFailure(new InconsistentStateException(append.Request.GrainId, append.Request.ExpectedVersion, actual));
                }

                break;
            case ReminderUpsertWrite upsert: upsert.SetResult(upsert.ETag); break;
            case ReminderRemoveWrite remove: remove.SetResult(row.GetInt64(0) > 0); break;
            case ReminderAdvanceWrite advance: advance.SetResult(row.GetInt64(0) > 0 ? advance.NewETag : null); break;
            case DocumentPutWrite put: put.SetResult(row.GetInt64(0) > 0 ? put.ExpectedVersion + 1 : null); break;
            case DocumentDeleteWrite delete: delete.SetResult(row.GetInt64(0) > 0); break;
            default: throw new InvalidOperationException($"Unknown write {write.GetType().Name}.");
        }
    }

    private static NpgsqlBatchCommand ToCommand(WriteOperation write) => write switch
    {
        AppendWrite append => AppendCommand(append),
        ReminderUpsertWrite w => Command(
            UpsertReminderSql,
            Text(w.GrainId.Type), Text(w.GrainId.Key), Text(w.Name), Time(w.DueAt),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)StorageTime.ToMicroseconds(w.Period) ?? DBNull.Value },
            Text(w.ETag)),
        ReminderRemoveWrite w => Command(RemoveReminderSql, Text(w.GrainId.Type), Text(w.GrainId.Key), Text(w.Name), Text(w.ETag)),
        ReminderAdvanceWrite w => Command(
            AdvanceReminderSql, Text(w.GrainId.Type), Text(w.GrainId.Key), Text(w.Name), Text(w.ETag), Time(w.NextDueAt), Text(w.NewETag)),
        DocumentPutWrite w when w.ExpectedVersion == 0 => Command(InsertDocumentSql, Text(w.Collection), Text(w.Key), Text(w.Data), Time(w.UpdatedAt)),
        DocumentPutWrite w => Command(UpdateDocumentSql, Text(w.Collection), Text(w.Key), Text(w.Data), Time(w.UpdatedAt), Bigint(w.ExpectedVersion)),
        DocumentDeleteWrite w => Command(DeleteDocumentSql, Text(w.Collection), Text(w.Key)),
        _ => throw new InvalidOperationException($"Unknown write {write.GetType().Name}."),
    };

    private static NpgsqlBatchCommand AppendCommand(AppendWrite write)
    {
        var request = write.Request;
        var head = request.Events.Count == 0 ? PostgresAppendSql.HeadMove.Check
            : request.ExpectedVersion == 0 ? PostgresAppendSql.HeadMove.Insert
            : PostgresAppendSql.HeadMove.Update;
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
        return Command(
            PostgresAppendSql.For(head, request.Snapshot is not null, request.Index is not null, setNames.Length > 0, removed.Length > 0),
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
            TextArray(removed));
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

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Bigint(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    private static NpgsqlParameter TextArray(string[] value) => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = value };

    private static NpgsqlParameter Time(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = StorageTime.Truncate(value).UtcDateTime };
}
