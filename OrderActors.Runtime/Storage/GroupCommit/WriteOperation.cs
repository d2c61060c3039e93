namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>
/// One queued write. The batch executor stages its outcome while the transaction runs; the writer publishes the
/// outcome only after the commit, so no caller hears "done" for something that is not durable.
/// </summary>
internal abstract class WriteOperation(CancellationToken cancellationToken)
{
    /// <summary>The caller's token: a write still queued when it fires is dropped, one already in a batch is not.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>True when the staged outcome is an expected-version conflict.</summary>
    public abstract bool IsConflict { get; }

    /// <summary>Clears a staged outcome (the batch is being retried or re-run).</summary>
    public abstract void ResetOutcome();

    /// <summary>Completes the caller with the staged outcome (after the commit).</summary>
    public abstract void Publish();

    /// <summary>Fails the caller: the transaction holding this write did not commit.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Cancels the caller: it gave up before the write was taken into a batch.</summary>
    public abstract void Cancel();
}
