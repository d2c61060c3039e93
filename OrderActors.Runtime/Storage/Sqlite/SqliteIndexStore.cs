using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The SQLite query index, in a database file of its own beside the main one (<see cref="PathFor"/>), written by a thread
/// of its own.
/// <para>
/// Why: SQLite lets one connection write a file at a time, and the main writer sets the pace of intake. The index
/// entries were ~40% of its CPU (an order's phone, amount… each land in a different B-tree leaf, and an order's entries
/// change at placement, payment and allocation). Here the main writer only appends each change to <c>index_log</c>, in
/// the append's own transaction (so a crash loses nothing acknowledged); after its commit it hands the changes to this
/// writer, which gathers them for up to <see cref="StorageOptions.IndexLinger"/>, keeps each grain's latest, and writes
/// them in key order in one transaction, on the other core.
/// </para>
/// <para>
/// A query first waits until every change committed before it is written here (<see cref="WaitAppliedAsync"/>, which
/// cuts the gathering short), so lists never miss an acknowledged change. <c>index_state.applied_through</c>, committed
/// with the entries, says how far the log is written; at start the log after it is written again
/// (<see cref="CatchUp"/>), and the main writer deletes the log up to it. An index file the log cannot bring up to date
/// stops the start, unless it is to be rebuilt from the journals (<see cref="StorageOptions.RebuildIndex"/>).
/// </para>
/// </summary>
internal sealed partial class SqliteIndexStore : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // A query that waits longer than this for the index gets an error rather than waiting on.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _deleteIndex;
    private readonly SqliteStatement _insertIndex;
    private readonly SqliteStatement _setApplied;
    private readonly TimeSpan _linger;
    private readonly bool _rebuild;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<IndexChange> _queue = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private Thread? _thread;
    private bool _urgent;
    private bool _stopping;
    private long _applied;

    /// <param name="connectionString">The index file's connection string (see <see cref="PathFor"/>), not pooled.</param>
    /// <param name="linger">How long changes are gathered before a commit, unless a query waits.</param>
    /// <param name="logger">Where a failed index commit is reported.</param>
    /// <param name="rebuild">
    /// Empty the index file at start instead of catching it up (<see cref="StorageOptions.RebuildIndex"/>: the silo then
    /// writes every grain's entries again from its journal).
    /// </param>
    public SqliteIndexStore(string connectionString, TimeSpan linger, ILogger logger, bool rebuild = false)
    {
        _rebuild = rebuild;
        ArgumentOutOfRangeException.ThrowIfLessThan(linger, TimeSpan.Zero);
        _linger = linger;
        _logger = logger;
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            _applied = Setup(_connection);
        }
        catch (SqliteException ex)
        {
            // A damaged or unreadable index file: nothing stays open, and the message says which file.
            var path = _connection.DataSource;
            _connection.Dispose();
            throw new InvalidOperationException(
                $"The query index file {path} cannot be opened ({ex.Message}). Stop the silo and restore it from the same backup as its database, or delete it and start the silo once with OrderActors:Storage:RebuildIndex=true.", ex);
        }

        var db = _connection.Handle!;
        // Replacement touches only what changed: an upsert that changes nothing writes neither the table nor the
        // (name, value) index. All entries travel as one JSON object ({name: value}): two statements whatever the size.
        _deleteIndex = new(db,
            "DELETE FROM grain_index WHERE grain_type = $t AND grain_key = $k AND name NOT IN (SELECT key FROM json_each($entries))",
            "$t", "$k", "$entries");
        _insertIndex = new(db,
            "INSERT INTO grain_index (grain_type, grain_key, name, value) SELECT $t, $k, e.key, e.value FROM json_each($entries) AS e WHERE true " +
            "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET value = excluded.value WHERE grain_index.value <> excluded.value",
            "$t", "$k", "$entries");
        _setApplied = new(db, "UPDATE index_state SET applied_through = $s WHERE id = 1", "$s");
    }

    /// <summary>The index file's schema (created when new) and how far it has written the log.</summary>
    private static long Setup(SqliteConnection connection)
    {
        using var setup = connection.CreateCommand();
        // grain_index is the table schema 1 made in the main file (written out again: migrations are never edited).
        // FULL, as the main file: applied_through is what the main writer deletes the log up to, so it must not be
        // lost with the entries it stands for. A commit here holds hundreds of orders, so its fsync is rare.
        // temp_store=MEMORY: each upsert and delete below changes many rows inside the commit's transaction, so SQLite
        // keeps a statement journal (the pages it changes, to undo that statement alone). Past 64 KiB it went to a
        // temporary file: two writes a page, 59 of the 108 KB written per order (docs/benchmarks.md, twelfth session).
        setup.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            PRAGMA busy_timeout=10000;
            PRAGMA cache_size=-8192;
            PRAGMA temp_store=MEMORY;
            CREATE TABLE IF NOT EXISTS grain_index (
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                name       TEXT NOT NULL,
                value      TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS ix_grain_index_value ON grain_index (grain_type, name, value, grain_key);
            CREATE TABLE IF NOT EXISTS index_state (
                id               INTEGER PRIMARY KEY CHECK (id = 1),
                applied_through  INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO index_state (id, applied_through) VALUES (1, 0);
            """;
        setup.ExecuteNonQuery();
        setup.CommandText = "SELECT applied_through FROM index_state WHERE id = 1";
        return (long)setup.ExecuteScalar()!;
    }

    /// <summary>The index file of the database at <paramref name="databasePath"/>: <c>orderactors.db</c> → <c>orderactors.index.db</c>.</summary>
    public static string PathFor(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(databasePath) ?? "", Path.GetFileNameWithoutExtension(databasePath) + ".index" + Path.GetExtension(databasePath));

    /// <summary>The last log sequence number whose change is in the index (committed).</summary>
    public long AppliedThrough => Volatile.Read(ref _applied);

    /// <summary>Starts the writer thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "OrderActors index writer" };
        _thread.Start();
    }

    /// <summary>Hands over changes the main writer has committed, in log order.</summary>
    public void Enqueue(List<IndexChange> changes)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                _queue.Enqueue(change);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Completes once every change up to <paramref name="seq"/> is in the index; fails if writing it failed.</summary>
    public Task WaitAppliedAsync(long seq, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _applied) >= seq)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_applied >= seq)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((seq, done));
            _urgent = true;
            Monitor.PulseAll(_gate);
        }

        return WaitAsync(done.Task, seq, cancellationToken);
    }

    private async Task WaitAsync(Task applied, long seq, CancellationToken cancellationToken)
    {
        try
        {
            await applied.WaitAsync(WaitLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new StorageWriteException(
                $"The query index did not catch up within {WaitLimit.TotalSeconds:0} s (it has changes up to {AppliedThrough}, the query needs {seq}); see the silo's log.", ex);
        }
    }

    /// <summary>Writes what is queued, then stops the thread (what it cannot write is written again at the next start).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread?.Join();
        _deleteIndex.Dispose();
        _insertIndex.Dispose();
        _setApplied.Dispose();
        _connection.Dispose();
    }

    private void Run()
    {
        var latest = new Dictionary<(string Type, string Key), string>();
        var upTo = _applied;
        var lastCommit = Stopwatch.GetTimestamp();
        while (true)
        {
            lock (_gate)
            {
                while (_queue.Count == 0 && latest.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                // Gather for the rest of the linger, unless a query waits or the store stops.
                while (!_urgent && !_stopping)
                {
                    var left = _linger - Stopwatch.GetElapsedTime(lastCommit);
                    if (left <= TimeSpan.Zero)
                    {
                        break;
                    }

                    Monitor.Wait(_gate, left);
                }

                _urgent = false;
                while (_queue.TryDequeue(out var change))
                {
                    latest[(change.Type, change.Key)] = change.Entries;
                    upTo = change.Seq;
                }

                if (latest.Count == 0 && upTo <= _applied)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    continue;
                }
            }

            try
            {
                Write(latest, upTo);
                latest.Clear();
            }
#pragma warning disable CA1031 // Reported to the log and to the queries waiting; the changes stay, to be written at the next try.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, ex, latest.Count);
                FailWaiters(ex);
                lock (_gate)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    Monitor.Wait(_gate, RetryDelay);
                }

                continue;
            }

            lastCommit = Stopwatch.GetTimestamp();
            CompleteWaiters();
        }
    }

    /// <summary>One transaction: every grain's latest entries in key order, and how far the log is now written.</summary>
    private void Write(Dictionary<(string Type, string Key), string> latest, long upTo)
    {
        var grains = latest.Keys.ToArray();
        Array.Sort(grains, static (a, b) =>
        {
            var byType = string.CompareOrdinal(a.Type, b.Type);
            return byType != 0 ? byType : string.CompareOrdinal(a.Key, b.Key);
        });
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            foreach (var grain in grains)
            {
                var entries = latest[grain];
                _deleteIndex.Bind(0, grain.Type).Bind(1, grain.Key).Bind(2, entries).Execute();
                _insertIndex.Bind(0, grain.Type).Bind(1, grain.Key).Bind(2, entries).Execute();
            }

            _setApplied.Bind(0, upTo).Execute();
            transaction.Commit();
        }

        lock (_gate)
        {
            Volatile.Write(ref _applied, upTo);
        }
    }

    private void CompleteWaiters()
    {
        List<TaskCompletionSource>? done = null;
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Seq <= _applied)
                {
                    (done ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        done?.ForEach(d => d.TrySetResult());
    }

    private void FailWaiters(Exception cause)
    {
        List<TaskCompletionSource> failed;
        lock (_gate)
        {
            failed = [.. _waiters.Select(w => w.Done)];
            _waiters.Clear();
        }

        foreach (var waiter in failed)
        {
            waiter.TrySetException(new StorageWriteException("The query index could not be brought up to date (the appends themselves are stored); see the silo's log.", cause));
        }
    }

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "The SQLite query index could not write {Count} grain(s); retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}

/// <summary>One logged change of a grain's index entries (a JSON object {name: value}), by log sequence number.</summary>
internal readonly record struct IndexChange(long Seq, string Type, string Key, string Entries);
