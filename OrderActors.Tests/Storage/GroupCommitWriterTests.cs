using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Storage.GroupCommit;

namespace OrderActors.Tests.Storage;

/// <summary>The writer loop on its own (the providers' conformance suite covers it over real databases).</summary>
public sealed class GroupCommitWriterTests
{
    private static GroupCommitWriter Writer(ScriptedBatchExecutor executor, bool dedicatedThread, int maxBatchSize = 512) =>
        new(executor, new StorageOptions { MaxBatchSize = maxBatchSize }, concurrentWritersAllowed: false, dedicatedThread, NullLogger.Instance);

    private static Task<bool> Write(GroupCommitWriter writer, string collection, int i) =>
        writer.WriteAsync(new DocumentDeleteWrite(collection, $"k{i}", CancellationToken.None));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteAsync_WritesQueuedDuringACommit_AreCommittedTogetherInTheNextBatch(bool dedicatedThread)
    {
        var executor = new ScriptedBatchExecutor { HoldFirstBatch = true };
        await using var writer = Writer(executor, dedicatedThread);
        var first = Write(writer, "docs", 0);
        await executor.FirstBatchEntered;

        var queued = Enumerable.Range(1, 50).Select(i => Write(writer, "docs", i)).ToList();
        var answeredBeforeCommit = queued.Count(t => t.IsCompleted);
        executor.ReleaseFirstBatch();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal(0, answeredBeforeCommit);
        Assert.Equal([1, 50], executor.CommittedBatchSizes);
        var stats = writer.GetStatistics("test");
        Assert.Equal(2, stats.Commits);
        Assert.Equal(51, stats.Writes);
        Assert.Equal(25.5, stats.AverageBatchSize);
    }

    [Fact]
    public async Task WriteAsync_MaxBatchSize_SplitsQueuedWritesIntoBatchesNoLargerThanIt()
    {
        var executor = new ScriptedBatchExecutor { HoldFirstBatch = true };
        await using var writer = Writer(executor, dedicatedThread: false, maxBatchSize: 8);
        var first = Write(writer, "docs", 0);
        await executor.FirstBatchEntered;

        var queued = Enumerable.Range(1, 20).Select(i => Write(writer, "docs", i)).ToList();
        executor.ReleaseFirstBatch();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal([1, 8, 8, 4], executor.CommittedBatchSizes);
    }

    [Fact]
    public async Task WriteAsync_BatchRejectedBecauseOfOneWrite_OnlyThatWriteFailsAndTheOthersCommit()
    {
        var executor = new ScriptedBatchExecutor { HoldFirstBatch = true };
        await using var writer = Writer(executor, dedicatedThread: false);
        var first = Write(writer, "docs", 0);
        await executor.FirstBatchEntered;
        var good = Enumerable.Range(1, 5).Select(i => Write(writer, "docs", i)).ToList();
        var poison = Write(writer, "poison", 6);

        executor.ReleaseFirstBatch();
        var results = await Task.WhenAll(good.Append(first));
        var error = await Assert.ThrowsAsync<StorageWriteException>(() => poison);

        Assert.All(results, Assert.True);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal([1, 1, 1, 1, 1, 1], executor.CommittedBatchSizes);
    }

    [Fact]
    public async Task WriteAsync_TransactionNeverCommits_EveryCallerFailsAndNoneIsAcknowledged()
    {
        var executor = new ScriptedBatchExecutor { HoldFirstBatch = true, FailEverything = true };
        await using var writer = Writer(executor, dedicatedThread: true);
        var first = Write(writer, "docs", 0);
        await executor.FirstBatchEntered;
        var queued = Enumerable.Range(1, 10).Select(i => Write(writer, "docs", i)).ToList();

        executor.ReleaseFirstBatch();
        var outcomes = await Task.WhenAll(queued.Append(first).Select(async t =>
        {
            try
            {
                await t;
                return "acknowledged";
            }
            catch (StorageWriteException)
            {
                return "failed";
            }
        }));

        Assert.All(outcomes, o => Assert.Equal("failed", o));
        Assert.Empty(executor.CommittedBatchSizes);
        Assert.Equal(0, writer.GetStatistics("test").Commits);
    }

    [Fact]
    public async Task WriteAsync_CallerCancelledWhileQueued_IsDroppedAndNotWritten()
    {
        var executor = new ScriptedBatchExecutor { HoldFirstBatch = true };
        await using var writer = Writer(executor, dedicatedThread: false);
        var first = Write(writer, "docs", 0);
        await executor.FirstBatchEntered;
        using var cancel = new CancellationTokenSource();
        var cancelled = writer.WriteAsync(new DocumentDeleteWrite("docs", "gone", cancel.Token));
        var kept = Write(writer, "docs", 1);

        await cancel.CancelAsync();
        executor.ReleaseFirstBatch();
        await Task.WhenAll(first, kept);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal([1, 1], executor.CommittedBatchSizes);
    }
}
