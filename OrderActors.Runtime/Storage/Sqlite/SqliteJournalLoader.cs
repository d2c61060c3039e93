using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// The activation load on SQLite, with its statement prepared once per reader connection instead of once per load.
/// Every new grain runs it (an order and often a customer per checkout), and compiling the statement, opening a
/// pooled connection and mapping the rows by name cost more CPU than the two index lookups themselves. Idle
/// connections wait in a bag; they hold no transaction between loads, so they never pin the write-ahead log.
/// </summary>
internal sealed class SqliteJournalLoader : IDisposable
{
    private const int MaxIdle = 32;

    private readonly string _connectionString;
    private readonly string _sql;
    private readonly ConcurrentBag<Reader> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteJournalLoader(string connectionString, string sql)
    {
        _connectionString = connectionString;
        _sql = sql;
    }

    public JournalLoad Load(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Rent();
        try
        {
            var load = reader.Load(grainId);
            Return(reader);
            return load;
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

        return new Reader(_connectionString, _sql);
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

    /// <summary>One open connection and its prepared load statement, used by one caller at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _type;
        private readonly SqliteParameter _key;

        public Reader(string connectionString, string sql)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = sql;
                _type = _command.Parameters.Add("@Type", SqliteType.Text);
                _key = _command.Parameters.Add("@Key", SqliteType.Text);
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public JournalLoad Load(GrainId grainId)
        {
            _type.Value = grainId.Type;
            _key.Value = grainId.Key;
            SnapshotRecord? snapshot = null;
            var events = new List<StoredEvent>();
            using var rows = _command.ExecuteReader();

            // Columns as SqlStorageReads.LoadSql selects them: Kind, Position, Version, EventType, Data, Actor, TsMicros.
            while (rows.Read())
            {
                var ts = StorageTime.FromUnixMicroseconds(rows.GetInt64(6));
                if (rows.GetInt64(0) == 0)
                {
                    snapshot = new SnapshotRecord(rows.GetInt64(2), rows.GetString(4), ts);
                }
                else
                {
                    events.Add(new StoredEvent(grainId, rows.GetInt64(2), rows.GetString(3), rows.GetString(4), rows.GetString(5), ts, rows.GetInt64(1)));
                }
            }

            return new JournalLoad(snapshot, events);
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
