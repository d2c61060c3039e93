using OrderActors.Runtime.Storage.GroupCommit;

namespace OrderActors.Tests.Storage;

/// <summary>
/// A batch executor for testing the writer loop on its own: it records each batch, can hold the first batch until
/// the test releases it, and fails any transaction that holds a write to the collection <c>poison</c> (or every
/// transaction, when told to).
/// </summary>
internal sealed class ScriptedBatchExecutor : IWriteBatchExecutor
{
    private readonly TaskCompletionSource _firstBatchEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int> _committedBatchSizes = [];
    private bool _first = true;

    public bool HoldFirstBatch { get; init; }

    public bool FailEverything { get; init; }

    public Task FirstBatchEntered => _firstBatchEntered.Task;

    public IReadOnlyList<int> CommittedBatchSizes
    {
        get
        {
            lock (_committedBatchSizes)
            {
                return [.. _committedBatchSizes];
            }
        }
    }

    public void ReleaseFirstBatch() => _releaseFirstBatch.TrySetResult();

    public async Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken)
    {
        if (_first)
        {
            _first = false;
            _firstBatchEntered.TrySetResult();
            if (HoldFirstBatch)
            {
                await _releaseFirstBatch.Task;
            }
        }

        foreach (var write in batch)
        {
            var delete = (DocumentDeleteWrite)write;
            if (FailEverything || delete.Collection == "poison")
            {
                throw new InvalidOperationException("disk on fire");
            }

            delete.SetResult(true);
        }

        lock (_committedBatchSizes)
        {
            _committedBatchSizes.Add(batch.Count);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
