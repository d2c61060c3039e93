using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file from a connection of its own, every
/// <see cref="StorageOptions.CheckpointInterval"/>, with <c>PRAGMA wal_checkpoint(PASSIVE)</c>: it never blocks the
/// writer or readers, and the writer keeps appending to the log meanwhile. Left to SQLite, the checkpoint runs inside
/// the commit that crosses <c>wal_autocheckpoint</c> pages, on the writer's one thread: that commit (and every write
/// queued behind it) waits for up to 32 MB of pages to be copied and the database file to be fsynced.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _checkpoints;
    private bool _disposed;
    private int _disposing;

    public SqliteCheckpointer(string connectionString, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _logger = logger;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // The checkpoint fsyncs the database file before it lets the log be reused: nothing acknowledged is at risk.
            pragma.CommandText = "PRAGMA busy_timeout=10000;";
            pragma.ExecuteNonQuery();
        }

        _timer = time.CreateTimer(static s => _ = ((SqliteCheckpointer)s!).CheckpointAsync(), this, interval, interval);
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Runs one passive checkpoint now, unless one is already running; returns whether it ran.</summary>
    public async Task<bool> CheckpointAsync()
    {
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            if (_disposed)
            {
                return false;
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _checkpoints);
            return true;
        }
#pragma warning disable CA1031 // A failed checkpoint is retried at the next tick; the writer's own safety-net checkpoint still runs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCheckpointFailed(_logger, ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposing, 1) != 0)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "SQLite checkpoint failed; retrying at the next interval")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
