using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>
/// Group commit, shared by the SQL providers. Writes are queued to one writer loop, which takes whatever is queued
/// (up to <see cref="StorageOptions.MaxBatchSize"/>), runs it in one transaction through the provider's
/// <see cref="IWriteBatchExecutor"/>, and answers every caller when the transaction has committed. No artificial
/// wait: while one batch commits the next one fills up, so batches grow with load and latency stays one commit.
/// With <see cref="StorageOptions.GroupCommit"/> off every write is its own transaction (the benchmark baseline):
/// serialised through the loop, or, when the database takes concurrent writers, run directly by each caller.
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly IWriteBatchExecutor _executor;
    private readonly ILogger _logger;
    private readonly Channel<WriteOperation> _queue;
    private readonly CommitStatistics _statistics = new();
    private readonly int _maxBatchSize;
    private readonly bool _direct;
    private readonly Task _loop;
    private int _disposed;

    /// <param name="executor">Runs one batch in one transaction; owned (disposed) by the writer.</param>
    /// <param name="options">Batch size and whether to group at all.</param>
    /// <param name="concurrentWritersAllowed">
    /// When group commit is off: true runs each write directly on the caller's task (the database takes concurrent
    /// transactions, e.g. PostgreSQL); false keeps one writer and gives it one write per transaction (SQLite).
    /// </param>
    /// <param name="dedicatedThread">
    /// Run the loop on its own thread (for a synchronous driver: SQLite). A busy thread pool then cannot delay the
    /// next commit, and waking the writer needs no pool thread.
    /// </param>
    /// <param name="logger">Where batch failures are logged.</param>
    public GroupCommitWriter(IWriteBatchExecutor executor, StorageOptions options, bool concurrentWritersAllowed, bool dedicatedThread, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        _executor = executor;
        _logger = logger;
        _maxBatchSize = options.GroupCommit ? options.MaxBatchSize : 1;
        _direct = !options.GroupCommit && concurrentWritersAllowed;
        _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
        if (_direct)
        {
            _loop = Task.CompletedTask;
        }
        else if (dedicatedThread)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => RunOnThread(done)) { IsBackground = true, Name = "OrderActors storage writer" };
            thread.Start();
            _loop = done.Task;
        }
        else
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues a write and returns its outcome once its batch has committed.</summary>
    public Task<TResult> WriteAsync<TResult>(WriteOperation<TResult> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_direct)
        {
            return WriteDirectAsync(write);
        }

        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The storage writer has stopped.");
        }

        return write.Completion;
    }

    /// <summary>Counters for <see cref="IStorageDiagnostics"/>.</summary>
    public StorageStatistics GetStatistics(string provider) =>
        _statistics.Snapshot(provider, _queue.Reader.CanCount ? _queue.Reader.Count : 0);

    /// <summary>Stops taking writes, commits what is queued, then disposes the executor.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _executor.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<TResult> WriteDirectAsync<TResult>(WriteOperation<TResult> write)
    {
        await CommitAsync([write]).ConfigureAwait(false);
        return await write.Completion.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 4096));
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (TakeBatch(batch))
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private void RunOnThread(TaskCompletionSource done)
    {
        try
        {
            var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 4096));
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                if (TakeBatch(batch))
                {
                    // The executor of a synchronous driver completes synchronously; this only blocks this thread.
                    CommitAsync(batch).GetAwaiter().GetResult();
                }
            }

            done.SetResult();
        }
#pragma warning disable CA1031 // Reported through the loop task, which DisposeAsync awaits.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            done.SetException(ex);
        }
    }

    /// <summary>Takes whatever is queued, up to the batch size; writes whose caller gave up are dropped.</summary>
    private bool TakeBatch(List<WriteOperation> batch)
    {
        batch.Clear();
        while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Cancel();
                continue;
            }

            batch.Add(write);
        }

        return batch.Count > 0;
    }

    private async Task CommitAsync(IReadOnlyList<WriteOperation> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _executor.ExecuteAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the transaction fails its callers; the loop must go on for the next batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(_logger, ex, batch.Count);
            if (batch.Count == 1)
            {
                // One exception per caller: a shared instance would collect every awaiter's stack trace.
                batch[0].Fail(new StorageWriteException("The storage transaction did not commit; nothing of this write was stored.", ex));
                return;
            }

            // Nothing of the batch was stored. Run each write in a transaction of its own, so that one write the
            // database rejects cannot fail (and, retried, keep failing) everybody else's.
            foreach (var write in batch)
            {
                await CommitAsync([write]).ConfigureAwait(false);
            }

            return;
        }

        Published(batch, Stopwatch.GetElapsedTime(started));
    }

    private void Published(IReadOnlyList<WriteOperation> batch, TimeSpan latency)
    {
        var conflicts = 0;
        foreach (var write in batch)
        {
            if (write.IsConflict)
            {
                conflicts++;
            }
        }

        _statistics.RecordCommit(batch.Count, conflicts, latency);
        foreach (var write in batch)
        {
            write.Publish();
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Storage batch of {Count} write(s) failed to commit")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
