namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>A queued write whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class WriteOperation<TResult>(CancellationToken cancellationToken) : WriteOperation(cancellationToken)
{
    // Continuations run on the thread pool, never inline on the writer loop, so a slow caller cannot stall commits.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _result;
    private Exception? _failure;
    private bool _staged;

    /// <summary>Completes when the write's batch has committed (or failed).</summary>
    public Task<TResult> Completion => _completion.Task;

    /// <inheritdoc />
    public override bool IsConflict => _failure is InconsistentStateException;

    /// <summary>Stages a successful outcome.</summary>
    public void SetResult(TResult result)
    {
        _result = result;
        _failure = null;
        _staged = true;
    }

    /// <summary>Stages a failure of this write alone (the rest of the batch still commits).</summary>
    public void SetFailure(Exception failure)
    {
        _result = default;
        _failure = failure;
        _staged = true;
    }

    /// <inheritdoc />
    public override void ResetOutcome()
    {
        _result = default;
        _failure = null;
        _staged = false;
    }

    /// <inheritdoc />
    public override void Publish()
    {
        if (_failure is not null)
        {
            _completion.TrySetException(_failure);
        }
        else if (_staged)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetException(new InvalidOperationException("The storage writer committed a batch without an outcome for this write."));
        }
    }

    /// <inheritdoc />
    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <inheritdoc />
    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
