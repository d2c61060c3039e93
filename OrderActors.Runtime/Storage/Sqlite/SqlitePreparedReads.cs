using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The reads every request pays for on SQLite, with their statements prepared once per reader connection instead of
/// once per read: the activation load (every new grain runs it: an order and often a customer per checkout) and the
/// read of one document (a webhook's delivery record, before every delivery). Compiling the statement, opening a
/// pooled connection and mapping the rows by name cost more CPU than the index lookups themselves. Idle connections
/// wait in a bag; they hold no transaction between reads, so they never pin the write-ahead log.
/// </summary>
internal sealed class SqlitePreparedReads : IDisposable
{
    private const int MaxIdle = 32;

    private readonly string _connectionString;
    private readonly string _loadSql;
    private readonly string _documentSql;
    private readonly ConcurrentBag<Reader> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <param name="connectionString">A reader connection string.</param>
    /// <param name="loadSql"><see cref="SqlStorageReads.LoadSql"/>.</param>
    /// <param name="documentSql"><see cref="SqlStorageReads.GetDocumentSql"/>.</param>
    public SqlitePreparedReads(string connectionString, string loadSql, string documentSql)
    {
        _connectionString = connectionString;
        _loadSql = loadSql;
        _documentSql = documentSql;
    }

    public JournalLoad Load(GrainId grainId, CancellationToken cancellationToken) => Read(reader => reader.Load(grainId), cancellationToken);

    public StoredDocument? GetDocument(string collection, string key, CancellationToken cancellationToken) =>
        Read(reader => reader.GetDocument(collection, key), cancellationToken);

    private T Read<T>(Func<Reader, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Rent();
        try
        {
            var result = read(reader);
            Return(reader);
            return result;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private Reader Rent()
    {
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new Reader(_connectionString, _loadSql, _documentSql);
    }

    private void Return(Reader reader)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Add(reader);

        // A dispose that ran between the check and the add has already emptied the bag.
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <summary>One open connection and its prepared statements, used by one caller at a time.</summary>
    /// <remarks>
    /// The statement is SQLite's own, its parameters bound by position (<see cref="SqliteStatement"/>): through
    /// Microsoft.Data.Sqlite every load looked each parameter name up in the statement (a linear search with a string
    /// compare per name) and built a data reader; at two loads an order (the order and its customer) that was ~2% of
    /// the silo's CPU in an HTTP intake profile.
    /// </remarks>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteStatement _load;
        private readonly SqliteStatement _document;

        public Reader(string connectionString, string loadSql, string documentSql)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();

                // Microsoft.Data.Sqlite retries a busy step itself; SQLite's own statement needs SQLite's busy wait.
                using (var pragma = _connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA busy_timeout=10000;";
                    pragma.ExecuteNonQuery();
                }

                _load = new SqliteStatement(_connection.Handle!, loadSql, "@Type", "@Key");
                _document = new SqliteStatement(_connection.Handle!, documentSql, "@Collection", "@Key");
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        /// <summary>Columns as SqlStorageReads.LoadSql selects them: Kind, Position, Version, EventType, Data, Actor, TsMicros.</summary>
        public JournalLoad Load(GrainId grainId)
        {
            var rows = new JournalLoadRows(grainId);
            _load.Bind(0, grainId.Type).Bind(1, grainId.Key).Query(rows, static (row, into) =>
                into.Add(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetString(3), row.GetString(4), row.GetString(5), row.GetInt64(6)));
            return rows.ToLoad();
        }

        /// <summary>Columns as SqlStorageReads.GetDocumentSql selects them: Collection, Key, Data, Version, UpdatedMicros.</summary>
        public StoredDocument? GetDocument(string collection, string key)
        {
            StoredDocument? found = null;
            _document.Bind(0, collection).Bind(1, key).Query<object?>(null, (row, _) =>
                found = DocumentRow.ToDocument(row.GetString(0), row.GetString(1), row.GetString(2), row.GetInt64(3), row.GetInt64(4)));
            return found;
        }

        public void Dispose()
        {
            _load.Dispose();
            _document.Dispose();
            _connection.Dispose();
        }
    }
}
