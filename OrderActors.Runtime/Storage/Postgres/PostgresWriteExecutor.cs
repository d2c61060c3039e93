using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;
using static OrderActors.Runtime.Storage.Postgres.PostgresParameters;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>
/// The PostgreSQL side of group commit: a batch becomes one <see cref="NpgsqlBatch"/> (a round of appends one
/// statement, see <see cref="PostgresAppendBatch"/>, every other write one; one row back per write with its outcome)
/// that the server runs as one implicit transaction, so a commit costs one round trip whatever its size. Safe to call concurrently (each call takes its own pooled connection).
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

    // By row address: with "(collection, doc_key) IN (…)" the planner hash-joined the whole table. A row another
    // silo rewrote meanwhile has a new address and stays (READ COMMITTED re-checks the condition on the new version).
    private const string ExpireDocumentsSql =
        "WITH d AS (DELETE FROM documents WHERE ctid = ANY(ARRAY(" +
        "SELECT ctid FROM documents WHERE collection = $1 AND updated_at < $2 LIMIT $3)) RETURNING 1) SELECT count(*) FROM d";

    public async Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // No explicit transaction: a batch is one implicit transaction (one Sync at its end), so the server commits
            // it as a whole after its last statement and the batch costs ONE round trip. Any statement error rolls the
            // whole batch back and surfaces here before a single caller is answered.
            var steps = PostgresAppendBatch.Plan(batch);
            var sqlBatch = new NpgsqlBatch(connection);
            await using (sqlBatch.ConfigureAwait(false))
            {
                sqlBatch.BatchCommands.Add(new NpgsqlBatchCommand(FeedLock));
                foreach (var step in steps)
                {
                    foreach (var write in step)
                    {
                        write.ResetOutcome();
                    }

                    sqlBatch.BatchCommands.Add(step switch
                    {
                        [AppendWrite single] => PostgresSingleAppend.Command(single),
                        [AppendWrite, ..] => PostgresAppendBatch.Command(step),
                        _ => ToCommand(step[0]),
                    });
                }

                var reader = await sqlBatch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    foreach (var step in steps)
                    {
                        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException("A write statement returned no outcome.");
                        }

                        foreach (var write in step)
                        {
                            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                            {
                                throw new InvalidOperationException("A write statement returned fewer outcome rows than it had writes.");
                            }

                            Stage(write, reader, first: step.Length == 1 ? 0 : 1);
                        }
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

    private static void Stage(WriteOperation write, NpgsqlDataReader row, int first)
    {
        switch (write)
        {
            case AppendWrite append: PostgresAppendBatch.Stage(append, row, first); break;
            case ReminderUpsertWrite upsert: upsert.SetResult(upsert.ETag); break;
            case ReminderRemoveWrite remove: remove.SetResult(row.GetInt64(0) > 0); break;
            case ReminderAdvanceWrite advance: advance.SetResult(row.GetInt64(0) > 0 ? advance.NewETag : null); break;
            case DocumentPutWrite put: put.SetResult(row.GetInt64(0) > 0 ? put.ExpectedVersion + 1 : null); break;
            case DocumentDeleteWrite delete: delete.SetResult(row.GetInt64(0) > 0); break;
            case DocumentExpireWrite expire: expire.SetResult(checked((int)row.GetInt64(0))); break;
            default: throw new InvalidOperationException($"Unknown write {write.GetType().Name}.");
        }
    }

    private static NpgsqlBatchCommand ToCommand(WriteOperation write) => write switch
    {
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
        DocumentExpireWrite w => Command(ExpireDocumentsSql, Text(w.Collection), Time(w.WrittenBefore), Bigint(w.MaxCount)),
        _ => throw new InvalidOperationException($"Unknown write {write.GetType().Name}."),
    };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
