namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>The database side of group commit: runs a batch of writes in one transaction.</summary>
internal interface IWriteBatchExecutor : IAsyncDisposable
{
    /// <summary>
    /// Runs every write of <paramref name="batch"/> in ONE transaction and commits it. Each write's outcome is staged
    /// on the write (<c>SetResult</c>, or <c>SetFailure</c> for a failure of that write alone, such as a stale
    /// expected version, which must leave nothing of that write behind). Throws when the transaction does not commit;
    /// then nothing of the batch is durable.
    /// </summary>
    Task ExecuteAsync(IReadOnlyList<WriteOperation> batch, CancellationToken cancellationToken);
}
