using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrderActors.Runtime.Storage.GroupCommit;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The SQLite side of group commit: the one writer connection (WAL, <c>synchronous=FULL</c>) and its prepared
/// statements. A batch is one <c>BEGIN IMMEDIATE</c> ... <c>COMMIT</c>. Each write checks its own precondition
/// first (head version, ETag, document version) and writes nothing when it fails, so a stale write fails alone.
/// Only the writer loop calls <see cref="ExecuteAsync"/>, one batch at a time.
/// </summary>
internal sealed class SqliteWriteExecutor : IWriteBatchExecutor
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand[] _commands;
    private readonly SqliteCommand _insertEvents;
    private readonly SqliteCommand _lastPosition;
    private readonly ArrayBufferWriter<byte> _rowsBuffer = new(16 * 1024);
    private readonly SqliteCommand _insertHead;
    private readonly SqliteCommand _updateHead;
    private readonly SqliteCommand _readHead;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertSnapshot;
    private readonly SqliteCommand _deleteIndex;
    private readonly SqliteCommand _insertIndex;
    private readonly SqliteCommand _upsertReminder;
    private readonly SqliteCommand _removeReminder;
    private readonly SqliteCommand _advanceReminder;
    private readonly SqliteCommand _insertDocument;
    private readonly SqliteCommand _updateDocument;
    private readonly SqliteCommand _deleteDocument;

    /// <param name="connectionString">The writer's connection string.</param>
    /// <param name="autoCheckpointPages">
    /// <c>wal_autocheckpoint</c>: with the background checkpointer on, only a safety net for a log it cannot keep up with.
    /// </param>
    public SqliteWriteExecutor(string connectionString, int autoCheckpointPages)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // FULL: the WAL is fsynced at every commit, so an acknowledged batch survives power loss, not only a crash.
            // A larger page cache: appends dirty index pages all over the file. Checkpoints: see SqliteStorageProvider.
            pragma.CommandText = $"""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                PRAGMA busy_timeout=10000;
                PRAGMA wal_autocheckpoint={autoCheckpointPages};
                PRAGMA cache_size=-65536;
                """;
            pragma.ExecuteNonQuery();
        }

        _insertHead = Command("INSERT INTO grain_heads (grain_type, grain_key, version) VALUES ($t, $k, $v) ON CONFLICT DO NOTHING", "$t", "$k", "$v");
        _updateHead = Command("UPDATE grain_heads SET version = $v WHERE grain_type = $t AND grain_key = $k AND version = $e", "$t", "$k", "$v", "$e");
        _readHead = Command("SELECT version FROM grain_heads WHERE grain_type = $t AND grain_key = $k", "$t", "$k");
        _insertEvent = Command(
            "INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts) VALUES ($t, $k, $v, $et, $d, $a, $ts) RETURNING position",
            "$t", "$k", "$v", "$et", "$d", "$a", "$ts");
        _upsertSnapshot = Command(
            "INSERT INTO snapshots (grain_type, grain_key, version, data, ts) VALUES ($t, $k, $v, $d, $ts) " +
            "ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, data = excluded.data, ts = excluded.ts",
            "$t", "$k", "$v", "$d", "$ts");
        // Index replacement touches only what changed: most appends leave most entries as they were, and an upsert
        // that changes nothing writes neither the table nor the (name, value) index.
        // All entries travel as one JSON object ({name: value}), so replacing an index is two statements whatever its size.
        _deleteIndex = Command(
            "DELETE FROM grain_index WHERE grain_type = $t AND grain_key = $k AND name NOT IN (SELECT key FROM json_each($entries))",
            "$t", "$k", "$entries");
        _insertIndex = Command(
            "INSERT INTO grain_index (grain_type, grain_key, name, value) SELECT $t, $k, e.key, e.value FROM json_each($entries) AS e WHERE true " +
            "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET value = excluded.value WHERE grain_index.value <> excluded.value",
            "$t", "$k", "$entries");
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
        // Several events of one append go in as one statement over one JSON array parameter ([type, data, actor, ts]
        // per event): a statement per event (and its parameters, bound by name each time) was most of the writer's time.
        _insertEvents = Command(
            "INSERT INTO events (grain_type, grain_key, version, event_type, data, actor, ts) " +
            "SELECT $t, $k, $v + e.key + 1, e.value ->> 0, e.value ->> 1, e.value ->> 2, e.value ->> 3 FROM json_each($rows) AS e ORDER BY e.key",
            "$t", "$k", "$v", "$rows");
        _lastPosition = Command("SELECT last_insert_rowid()");
        _commands =
        [
            _insertHead, _updateHead, _readHead, _insertEvent, _upsertSnapshot, _deleteIndex, _insertIndex,
            _upsertReminder, _removeReminder, _advanceReminder, _insertDocument, _updateDocument, _deleteDocument,
            _insertEvents, _lastPosition,
        ];
    }

    public Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; the writer loop is the only caller, so blocking here
        // costs one thread and keeps the commit path free of continuations.
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }

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
                default: throw new InvalidOperationException($"Unknown write {write.GetType().Name}.");
            }
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private void Append(AppendWrite write)
    {
        var request = write.Request;
        var (type, key) = (request.GrainId.Type, request.GrainId.Key);
        if (!TryMoveHead(write))
        {
            Set(_readHead, type, key);
            var actual = _readHead.ExecuteScalar() is long v ? v : 0;
            write.SetFailure(new InconsistentStateException(request.GrainId, request.ExpectedVersion, actual));
            return;
        }

        long lastPosition;
        var version = request.ExpectedVersion;
        var events = request.Events;
        if (events.Count == 1)
        {
            var e = events[0];
            version++;
            Set(_insertEvent, type, key, version, e.EventType, e.Data, e.Actor, StorageTime.ToUnixMicroseconds(e.Timestamp));
            lastPosition = (long)_insertEvent.ExecuteScalar()!;
        }
        else
        {
            Set(_insertEvents, type, key, version, EventRows(events));
            _insertEvents.ExecuteNonQuery();
            version += events.Count;

            // The writer is the only connection writing: the last row inserted is this append's last event.
            lastPosition = (long)_lastPosition.ExecuteScalar()!;
        }

        if (request.Snapshot is { } snapshot)
        {
            Set(_upsertSnapshot, type, key, snapshot.Version, snapshot.Data, StorageTime.ToUnixMicroseconds(snapshot.Timestamp));
            _upsertSnapshot.ExecuteNonQuery();
        }

        if (request.Index is { } index)
        {
            var entries = new Dictionary<string, string>(index.Count, StringComparer.Ordinal);
            foreach (var entry in index)
            {
                entries[entry.Name] = entry.Value;
            }

            var json = JsonSerializer.Serialize(entries, StorageJson.Default.DictionaryStringString);
            Set(_deleteIndex, type, key, json);
            _deleteIndex.ExecuteNonQuery();
            Set(_insertIndex, type, key, json);
            _insertIndex.ExecuteNonQuery();
        }

        write.SetResult(new AppendResult(version, lastPosition));
    }

    private bool TryMoveHead(AppendWrite write)
    {
        var request = write.Request;
        if (request.Events.Count == 0)
        {
            Set(_readHead, request.GrainId.Type, request.GrainId.Key);
            return (_readHead.ExecuteScalar() is long v ? v : 0) == request.ExpectedVersion;
        }

        if (request.ExpectedVersion == 0)
        {
            Set(_insertHead, request.GrainId.Type, request.GrainId.Key, write.NewVersion);
            return _insertHead.ExecuteNonQuery() == 1;
        }

        Set(_updateHead, request.GrainId.Type, request.GrainId.Key, write.NewVersion, request.ExpectedVersion);
        return _updateHead.ExecuteNonQuery() == 1;
    }

    private void UpsertReminder(ReminderUpsertWrite write)
    {
        Set(_upsertReminder, write.GrainId.Type, write.GrainId.Key, write.Name, StorageTime.ToUnixMicroseconds(write.DueAt), StorageTime.ToMicroseconds(write.Period), write.ETag);
        _upsertReminder.ExecuteNonQuery();
        write.SetResult(write.ETag);
    }

    private void RemoveReminder(ReminderRemoveWrite write)
    {
        Set(_removeReminder, write.GrainId.Type, write.GrainId.Key, write.Name, write.ETag);
        write.SetResult(_removeReminder.ExecuteNonQuery() > 0);
    }

    private void AdvanceReminder(ReminderAdvanceWrite write)
    {
        Set(_advanceReminder, write.GrainId.Type, write.GrainId.Key, write.Name, write.ETag, StorageTime.ToUnixMicroseconds(write.NextDueAt), write.NewETag);
        write.SetResult(_advanceReminder.ExecuteNonQuery() > 0 ? write.NewETag : null);
    }

    private void PutDocument(DocumentPutWrite write)
    {
        var ts = StorageTime.ToUnixMicroseconds(write.UpdatedAt);
        if (write.ExpectedVersion == 0)
        {
            Set(_insertDocument, write.Collection, write.Key, write.Data, ts);
            write.SetResult(_insertDocument.ExecuteNonQuery() == 1 ? 1 : null);
            return;
        }

        Set(_updateDocument, write.Collection, write.Key, write.Data, ts, write.ExpectedVersion);
        write.SetResult(_updateDocument.ExecuteNonQuery() == 1 ? write.ExpectedVersion + 1 : null);
    }

    private void DeleteDocument(DocumentDeleteWrite write)
    {
        Set(_deleteDocument, write.Collection, write.Key);
        write.SetResult(_deleteDocument.ExecuteNonQuery() > 0);
    }

    /// <summary>The events as one JSON array of [type, data, actor, ts] rows, for <see cref="_insertEvents"/>.</summary>
    private string EventRows(IReadOnlyList<EventRecord> events)
    {
        _rowsBuffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_rowsBuffer))
        {
            json.WriteStartArray();
            foreach (var e in events)
            {
                json.WriteStartArray();
                json.WriteStringValue(e.EventType);
                json.WriteStringValue(e.Data);
                json.WriteStringValue(e.Actor);
                json.WriteNumberValue(StorageTime.ToUnixMicroseconds(e.Timestamp));
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(_rowsBuffer.WrittenSpan);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
