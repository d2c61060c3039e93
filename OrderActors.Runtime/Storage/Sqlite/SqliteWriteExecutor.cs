using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;
using SQLitePCL;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The SQLite side of group commit: the one writer connection (WAL, <c>synchronous=FULL</c>) and its prepared
/// statements (<see cref="SqliteStatement"/>, bound by position). A batch is one <c>BEGIN IMMEDIATE</c> ... <c>COMMIT</c>. Each write checks its own precondition
/// first (head version, ETag, document version) and writes nothing when it fails, so a stale write fails alone.
/// Only the writer loop calls <see cref="ExecuteAsync"/>, one batch at a time.
/// </summary>
internal sealed class SqliteWriteExecutor : IWriteBatchExecutor
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStatement[] _statements;
    private readonly SqliteStatement _readHead;
    private readonly SqliteStatement _insertEvent;
    private readonly SqliteStatement _upsertSnapshot;
    private readonly SqliteStatement _insertIndexLog;
    private readonly SqliteStatement _trimIndexLog;
    private readonly SqliteStatement _recordIndexLogTrim;
    private readonly SqliteIndexStore _index;
    private readonly List<IndexChange> _indexChanges = [];
    private long _indexSeq;
    private long _committedIndexSeq;
    private long _indexLogTrimmedThrough;
    private readonly SqliteStatement _upsertReminder;
    private readonly SqliteStatement _removeReminder;
    private readonly SqliteStatement _advanceReminder;
    private readonly SqliteStatement _insertDocument;
    private readonly SqliteStatement _updateDocument;
    private readonly SqliteStatement _deleteDocument;
    private readonly SqliteStatement _expireDocuments;
    private readonly SqliteStatement[] _insertEventRows;

    // Multi-row inserts: an append of n events runs the largest of these that fit, in order (32, 8, 2, then one row).
    private static readonly int[] EventRowCounts = [32, 8, 2];

    // How many index changes the index file must be ahead of the log's last deletion before the next one.
    private const long TrimIndexLogEvery = 512;

    /// <param name="connectionString">The writer's connection string.</param>
    /// <param name="autoCheckpointPages">
    /// <c>wal_autocheckpoint</c>: with the background checkpointer on, only a safety net for a log it cannot keep up with.
    /// </param>
    /// <param name="index">The query index's own file and writer; caught up here, before the first batch.</param>
    public SqliteWriteExecutor(string connectionString, int autoCheckpointPages, SqliteIndexStore index)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // FULL: the WAL is fsynced at every commit, so an acknowledged batch survives power loss, not only a crash.
            // Page cache 8 MiB (SQLite's default is 2): appends dirty index pages all over the file. Not larger: every
            // commit ends with a truncation of the cache that walked its whole hash table, 14.5% of the writer thread's
            // CPU at 64 MiB against 2% at 8 MiB; reads that miss it come from the OS cache (under 1% at 8 MiB).
            // Checkpoints: see SqliteStorageProvider.
            pragma.CommandText = $"""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                PRAGMA busy_timeout=10000;
                PRAGMA wal_autocheckpoint={autoCheckpointPages};
                PRAGMA cache_size=-8192;
                """;
            pragma.ExecuteNonQuery();
        }

        _index = index;
        try
        {
            _index.CatchUp(_connection);
            using var last = _connection.CreateCommand();
            // Never a number the index file has already passed (an empty log would otherwise start again at 1).
            last.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM index_log";
            _indexSeq = Math.Max((long)last.ExecuteScalar()!, _index.AppliedThrough);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _committedIndexSeq = _indexSeq;
        // A grain's version is its last event's: the events' unique (type, key, version) index finds it in the leaf the
        // append's own rows then go into. (Until schema 2 a grain_heads row per grain kept it: one more B-tree leaf
        // written by every append, ~12% of the pages an intake commit wrote.) The writer is the only connection that
        // writes, so nothing can come between this read and the inserts.
        // (ORDER BY … LIMIT 1 seeks to the last entry; MAX(version) here read every entry of the grain, ~2 µs more for a
        // SKU of 120 events.)
        _readHead = Command("SELECT version FROM events WHERE grain_type = $t AND grain_key = $k ORDER BY version DESC LIMIT 1", "$t", "$k");
        // Event inserts are OR FAIL. With the default (ABORT), SQLite keeps a statement journal for an insert that writes
        // several rows (the multi-row ones below) or has RETURNING (this one): a copy of every page the statement
        // changes that an earlier statement of the batch already changed, so that it can undo the statement alone.
        // Nothing here needs that: a statement that fails fails the whole transaction (rolled back, then every write
        // retried on its own, see GroupCommitWriter), so FAIL, which keeps the statement's earlier rows until that
        // rollback, stores the same (SqliteFailedInsertTests). Those copies were ~9% of the writer thread's CPU in an
        // intake run. The index upsert keeps its journal: its DO UPDATE part aborts whatever the insert's OR says.
        _insertEvent = Command(
            "INSERT OR FAIL INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES ($t, $k, $v, $et, $d, $a, $ts) RETURNING position",
            "$t", "$k", "$v", "$et", "$d", "$a", "$ts");
        _upsertSnapshot = Command(
            "INSERT INTO snapshots (grain_type, grain_key, version, data, ts) VALUES ($t, $k, $v, $d, $ts) " +
            "ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, data = excluded.data, ts = excluded.ts",
            "$t", "$k", "$v", "$d", "$ts");
        // The query index lives in a file of its own, written by its own thread (SqliteIndexStore); here each change is
        // only logged, in the append's transaction, and the log is deleted once that file has it.
        _insertIndexLog = Command("INSERT INTO index_log (seq, grain_type, grain_key, entries) VALUES ($s, $t, $k, $e)", "$s", "$t", "$k", "$e");
        _trimIndexLog = Command("DELETE FROM index_log WHERE seq <= $s", "$s");
        _recordIndexLogTrim = Command("UPDATE index_log_state SET trimmed_through = $s WHERE id = 1", "$s");
        _upsertReminder = Command(
            "INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, etag) VALUES ($t, $k, $n, $due, $p, $etag) " +
            "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_us = excluded.period_us, etag = excluded.etag",
            "$t", "$k", "$n", "$due", "$p", "$etag");
        _removeReminder = Command(
            "DELETE FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n AND ($etag IS NULL OR etag = $etag)",
            "$t", "$k", "$n", "$etag");
        _advanceReminder = Command(
            "UPDATE reminders SET due_at = $due, etag = $newetag WHERE grain_type = $t AND grain_key = $k AND name = $n AND etag = $etag",
            "$t", "$k", "$n", "$etag", "$due", "$newetag");
        _insertDocument = Command(
            "INSERT INTO documents (collection, doc_key, data, version, updated_at) VALUES ($c, $k, $d, 1, $ts) ON CONFLICT DO NOTHING",
            "$c", "$k", "$d", "$ts");
        _updateDocument = Command(
            "UPDATE documents SET data = $d, version = version + 1, updated_at = $ts WHERE collection = $c AND doc_key = $k AND version = $e",
            "$c", "$k", "$d", "$ts", "$e");
        _deleteDocument = Command("DELETE FROM documents WHERE collection = $c AND doc_key = $k", "$c", "$k");
        _expireDocuments = Command(
            "DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents WHERE collection = $c AND updated_at < $ts LIMIT $n)",
            "$c", "$ts", "$n");
        // Several events of one append go in as multi-row inserts of 32, 8 and 2 rows, bound by position: a statement
        // per event was most of the writer's time for a hot SKU committing ~200 events at once, and one statement over
        // a JSON array of the rows (json_each) cost 3.1–3.3 µs of CPU an event against 1.3–1.7 µs for these (the same
        // table, synchronous=OFF).
        _insertEventRows = [.. EventRowCounts.Select(InsertEventRows)];
        _statements =
        [
            _readHead, _insertEvent, _upsertSnapshot, _insertIndexLog, _trimIndexLog, _recordIndexLogTrim,
            _upsertReminder, _removeReminder, _advanceReminder, _insertDocument, _updateDocument, _deleteDocument, _expireDocuments,
            .. _insertEventRows,
        ];
    }

    public Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; the writer loop is the only caller, so blocking here
        // costs one thread and keeps the commit path free of continuations.
        var seqBefore = _indexSeq;
        _indexChanges.Clear();
        using var transaction = _connection.BeginTransaction(deferred: false);
        // The log up to what the index file has committed goes, a few hundred changes at a time.
        var applied = _index.AppliedThrough;
        var trimmed = _indexLogTrimmedThrough;
        if (applied - trimmed >= TrimIndexLogEvery)
        {
            _trimIndexLog.Bind(0, applied).Execute();
            _recordIndexLogTrim.Bind(0, applied).Execute();
            trimmed = applied;
        }

        try
        {
            Run(batch);
            transaction.Commit();
        }
        catch
        {
            // Nothing of the batch is stored: its log numbers are given out again.
            _indexSeq = seqBefore;
            throw;
        }

        _indexLogTrimmedThrough = trimmed;
        if (_indexChanges.Count > 0)
        {
            // Copied into the index writer's queue: the list is cleared and filled again by the next batch.
            _index.Enqueue(_indexChanges);
        }

        Volatile.Write(ref _committedIndexSeq, _indexSeq);
        return Task.CompletedTask;
    }

    /// <summary>The last index change committed (a query waits until the index file has it).</summary>
    public long CommittedIndexSeq => Volatile.Read(ref _committedIndexSeq);

    private void Run(IReadOnlyList<WriteOperation> batch)
    {
        foreach (var write in batch)
        {
            write.ResetOutcome();
            switch (write)
            {
                case AppendWrite append: Append(append); break;
                case ReminderUpsertWrite upsert: UpsertReminder(upsert); break;
                case ReminderRemoveWrite remove: RemoveReminder(remove); break;
                case ReminderAdvanceWrite advance: AdvanceReminder(advance); break;
                case DocumentPutWrite put: PutDocument(put); break;
                case DocumentDeleteWrite delete: DeleteDocument(delete); break;
                case DocumentExpireWrite expire: ExpireDocuments(expire); break;
                default: throw new InvalidOperationException($"Unknown write {write.GetType().Name}.");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }

        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(AppendWrite write)
    {
        var request = write.Request;
        var (type, key) = (request.GrainId.Type, request.GrainId.Key);
        var actual = _readHead.Bind(0, type).Bind(1, key).ExecuteScalar() ?? 0;
        if (actual != request.ExpectedVersion)
        {
            write.SetFailure(new InconsistentStateException(request.GrainId, request.ExpectedVersion, actual));
            return;
        }

        // A single row's insert returns its position; after a multi-row one, the writer being the only connection
        // writing, the last row inserted is this append's last event.
        long? lastPosition = null;
        var version = request.ExpectedVersion;
        var events = request.Events;
        var next = 0;
        while (next < events.Count)
        {
            var size = 0;
            while (size < EventRowCounts.Length && EventRowCounts[size] > events.Count - next)
            {
                size++;
            }

            if (size == EventRowCounts.Length)
            {
                var e = events[next++];
                lastPosition = _insertEvent.Bind(0, type).Bind(1, key).Bind(2, ++version).Bind(3, e.EventType).Bind(4, e.Data).Bind(5, e.Actor)
                    .Bind(6, StorageTime.ToUnixMicroseconds(e.Timestamp)).ExecuteScalar();
                continue;
            }

            var insert = _insertEventRows[size].Bind(0, type).Bind(1, key).Bind(2, version);
            for (var row = 0; row < EventRowCounts[size]; row++)
            {
                var e = events[next++];
                var at = 3 + (row * 4);
                insert.Bind(at, e.EventType).Bind(at + 1, e.Data).Bind(at + 2, e.Actor).Bind(at + 3, StorageTime.ToUnixMicroseconds(e.Timestamp));
            }

            insert.Execute();
            version += EventRowCounts[size];
            lastPosition = null;
        }

        // SQLite's own call, not a statement: a multi-row insert's last row is the append's last position.
        lastPosition ??= raw.sqlite3_last_insert_rowid(_connection.Handle);

        if (request.Snapshot is { } snapshot)
        {
            _upsertSnapshot.Bind(0, type).Bind(1, key).Bind(2, snapshot.Version).Bind(3, snapshot.Data).Bind(4, StorageTime.ToUnixMicroseconds(snapshot.Timestamp)).Execute();
        }

        if (request.Index is { } index)
        {
            var entries = new Dictionary<string, string>(index.Count, StringComparer.Ordinal);
            foreach (var entry in index)
            {
                entries[entry.Name] = entry.Value;
            }

            var json = JsonSerializer.Serialize(entries, StorageJson.Default.DictionaryStringString);
            var seq = ++_indexSeq;
            _insertIndexLog.Bind(0, seq).Bind(1, type).Bind(2, key).Bind(3, json).Execute();
            _indexChanges.Add(new IndexChange(seq, type, key, json));
        }

        if (request.Reminders is { } reminders)
        {
            // After the version check: a stale append returned above and changes no reminder.
            for (var i = 0; i < reminders.Count; i++)
            {
                var change = reminders[i];
                if (change.DueAt is { } dueAt)
                {
                    UpsertReminderRow(type, key, change.Name, dueAt, change.Period, write.ReminderETags[i]!);
                }
                else
                {
                    RemoveReminderRow(type, key, change.Name, eTag: null);
                }
            }
        }

        write.SetResult(new AppendResult(version, lastPosition!.Value));
    }

    private void UpsertReminder(ReminderUpsertWrite write)
    {
        UpsertReminderRow(write.GrainId.Type, write.GrainId.Key, write.Name, write.DueAt, write.Period, write.ETag);
        write.SetResult(write.ETag);
    }

    private void RemoveReminder(ReminderRemoveWrite write) =>
        write.SetResult(RemoveReminderRow(write.GrainId.Type, write.GrainId.Key, write.Name, write.ETag));

    // One binding of each reminder statement, for the reminder table's own writes and for the changes inside an append.
    private void UpsertReminderRow(string type, string key, string name, DateTimeOffset dueAt, TimeSpan? period, string eTag) =>
        _upsertReminder.Bind(0, type).Bind(1, key).Bind(2, name).Bind(3, StorageTime.ToUnixMicroseconds(dueAt))
            .Bind(4, StorageTime.ToMicroseconds(period)).Bind(5, eTag).Execute();

    /// <summary>Removes the row (only with <paramref name="eTag"/>, when given); true when one was removed.</summary>
    private bool RemoveReminderRow(string type, string key, string name, string? eTag) =>
        _removeReminder.Bind(0, type).Bind(1, key).Bind(2, name).Bind(3, eTag).Execute() > 0;

    private void AdvanceReminder(ReminderAdvanceWrite write)
    {
        var advanced = _advanceReminder.Bind(0, write.GrainId.Type).Bind(1, write.GrainId.Key).Bind(2, write.Name).Bind(3, write.ETag)
            .Bind(4, StorageTime.ToUnixMicroseconds(write.NextDueAt)).Bind(5, write.NewETag).Execute();
        write.SetResult(advanced > 0 ? write.NewETag : null);
    }

    private void PutDocument(DocumentPutWrite write)
    {
        var ts = StorageTime.ToUnixMicroseconds(write.UpdatedAt);
        if (write.ExpectedVersion == 0)
        {
            write.SetResult(_insertDocument.Bind(0, write.Collection).Bind(1, write.Key).Bind(2, write.Data).Bind(3, ts).Execute() == 1 ? 1 : null);
            return;
        }

        var updated = _updateDocument.Bind(0, write.Collection).Bind(1, write.Key).Bind(2, write.Data).Bind(3, ts).Bind(4, write.ExpectedVersion).Execute();
        write.SetResult(updated == 1 ? write.ExpectedVersion + 1 : null);
    }

    private void DeleteDocument(DocumentDeleteWrite write)
    {
        write.SetResult(_deleteDocument.Bind(0, write.Collection).Bind(1, write.Key).Execute() > 0);
    }

    private void ExpireDocuments(DocumentExpireWrite write)
    {
        write.SetResult(_expireDocuments.Bind(0, write.Collection).Bind(1, StorageTime.ToUnixMicroseconds(write.WrittenBefore)).Bind(2, write.MaxCount).Execute());
    }

    /// <summary>An insert of <paramref name="rows"/> consecutive events of one grain: $t, $k, $v, then type, data, actor and time per row.</summary>
    private SqliteStatement InsertEventRows(int rows)
    {
        var values = Enumerable.Range(0, rows).Select(i => $"($t, $k, $v + {i + 1}, $e{i}, $d{i}, $a{i}, $s{i})");
        var parameters = Enumerable.Range(0, rows).SelectMany(i => new[] { $"$e{i}", $"$d{i}", $"$a{i}", $"$s{i}" });
        return Command(
            $"INSERT OR FAIL INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES {string.Join(", ", values)}",
            ["$t", "$k", "$v", .. parameters]);
    }

    private SqliteStatement Command(string sql, params string[] parameters) => new(_connection.Handle!, sql, parameters);
}
