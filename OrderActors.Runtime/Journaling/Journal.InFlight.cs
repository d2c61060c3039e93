using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// Pipelined appends in the background: the flush turn sends the pending records and ends, so the grain's next turns
/// overlap the commit; up to two appends are in flight where storage applies them in order. A failed one is settled by
/// the next turn that touches the journal.
/// </summary>
internal sealed partial class Journal<TState>
{
    public Task FlushTurnAsync()
    {
        _flushScheduled = false;
        var blocking = _maxInFlight > 1 ? _inFlightBefore : _inFlight;
        if (!blocking.IsCompleted)
        {
            // As many appends in flight as storage allows: flush again when one ends. Meanwhile turns go on adding
            // pending records, so the next batch is as large as the load makes it.
            _flushScheduled = true;
            blocking.ContinueWith(
                static (_, host) => ((IJournalHost)host!).ScheduleFlush(),
                _host,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return Task.CompletedTask;
        }

        if (_inFlightFault is not null || _fault is not null)
        {
            // Putting the state right after a failure keeps the turn (rare).
            return FlushAsync(CancellationToken.None);
        }

        if (_pending.Count > 0)
        {
            StartBackgroundCommit();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts appending every pending record in one request and ends the flush turn: the grain's next turns run (and add
    /// pending records) while storage commits, so the grain's CPU and the commit overlap. The request (snapshot, index)
    /// is built now, from the state that is exactly the records sent before plus these, and the counters move now as if
    /// it commits (a failure reloads them from storage).
    /// </summary>
    private void StartBackgroundCommit()
    {
        var records = TakePending(out var waiters);
        var request = PrepareAppend(records);
        Committed(request, records.Length);
        var durable = waiters ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<AppendResult> append;
        try
        {
            append = _storage.AppendAsync(request, CancellationToken.None);
        }
#pragma warning disable CA1031 // a request storage refuses at once fails like one it fails later
        catch (Exception ex)
#pragma warning restore CA1031
        {
            append = Task.FromException<AppendResult>(ex);
        }

        _inFlightBefore = _inFlight;
        _inFlightDurable = durable;
        _inFlight = CompleteInBackgroundAsync(_inFlightBefore, append, durable);
    }

    /// <summary>
    /// Answers a background append's waiters after the one before it has been answered. Never throws: a failure is kept
    /// for the next turn, which fails what was decided after it and reloads. (An append after a failed one fails too,
    /// on its expected version, unless the failed one did commit: then both did, and its waiters hear so.)
    /// </summary>
    private async Task CompleteInBackgroundAsync(Task before, Task<AppendResult> append, TaskCompletionSource durable)
    {
        await before.ConfigureAwait(false);
        try
        {
            await append.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // handed to the waiters and to the next turn (SettleInFlightAsync)
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _inFlightFault ??= ex;
            _host.Invalidate(ex is InconsistentStateException ? DeactivationReason.InconsistentState : DeactivationReason.Failed);
            durable.TrySetException(ex);

            // A turn must put the state right even if no call comes: the flush turn settles it, then the activation goes.
            _host.ScheduleFlush();
            return;
        }

        durable.TrySetResult();
    }

    /// <summary>
    /// Waits for the appends in flight, if any. If one failed: the pending records were decided on a state that included
    /// its records, so they fail too, the state is reloaded from storage and false is returned (or the failure thrown).
    /// </summary>
    private async Task<bool> SettleInFlightAsync(bool throwOnFailure)
    {
        if (!_inFlight.IsCompleted)
        {
            await _inFlight.ConfigureAwait(false);
        }

        if (_inFlightFault is not { } fault)
        {
            return true;
        }

        FailPending(fault);
        await TryReloadDurableAsync(fault).ConfigureAwait(false);
        _inFlightFault = null;
        if (throwOnFailure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }

        return false;
    }
}
