using System.Diagnostics.CodeAnalysis;

namespace OrderActors.Runtime.Core;

/// <summary>Activation, deactivation and the grain context of an activation.</summary>
internal sealed partial class Activation
{
    private readonly Lock _timersLock = new();
    private List<GrainTimer>? _timers;
    private Grain? _grain;
    private int _collectionRequested;

    public async Task ActivateAsync()
    {
        State = ActivationState.Activating;
        var (grain, journal) = Class.Create(Runtime.Services, this, Runtime.Storage, Runtime.Time, Runtime.Options);
        grain.Attach(this);
        _grain = grain;
        _journal = journal;
        if (journal is not null)
        {
            await journal.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public void OnActivated(Task turn)
    {
        if (turn.IsCompletedSuccessfully)
        {
            State = ActivationState.Active;
            return;
        }

        var exception = turn.Exception?.InnerException ?? new OperationCanceledException($"Activation of {GrainId} was canceled.");
        Runtime.Log.ActivationFailed(GrainId, exception);
        State = ActivationState.Deactivated;
        DisposeTimers();
        Runtime.Remove(this);

        // Everything that was waiting for this activation fails with the activation's error; anything sent later
        // is forwarded to a fresh attempt.
        while (TryDequeue(out var item))
        {
            item.Fail(exception);
        }
    }

    public async Task DeactivateAsync(DeactivationReason reason)
    {
        State = ActivationState.Deactivating;
        DisposeTimers();
        try
        {
            if (_journal is not null)
            {
                // Pipelined calls still waiting are answered (or failed) before the activation goes.
                await _journal.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (_grain is not null && reason is not (DeactivationReason.InconsistentState or DeactivationReason.Failed))
            {
                await _grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Runtime.Log.DeactivationFailed(GrainId, ex);
        }
        finally
        {
            Runtime.Remove(this);
            State = ActivationState.Deactivated;
            Runtime.Log.Deactivated(GrainId, reason);
        }
    }

    /// <summary>Queues a deactivation turn; for idle collection only once at a time, and skipped if the grain got busy.</summary>
    public Task RequestDeactivation(DeactivationReason reason, bool onlyIfIdle)
    {
        if (onlyIfIdle && Interlocked.CompareExchange(ref _collectionRequested, 1, 0) != 0)
        {
            return Task.CompletedTask;
        }

        var item = new DeactivationItem(reason, onlyIfIdle, Runtime.Time.GetTimestamp());
        Enqueue(item);
        return item.Completion;
    }

    /// <summary>
    /// True while the mailbox is scheduled or running a turn, or calls wait for durability: false means nothing here can
    /// time out. Reads only this object's fields (not the queue's), so the timeout sweep can ask a million activations
    /// cheaply. Not a test of idleness: the mailbox stays scheduled while a finished call's caller continues inline.
    /// </summary>
    public bool MayHaveWork =>
        Volatile.Read(ref _scheduled) != 0 || Volatile.Read(ref _current) is not null || Volatile.Read(ref _awaitingCount) > 0;

    /// <summary>
    /// Called by the timeout sweep after it took this activation, found without work, off its list: clears the listed
    /// flag with a full fence, then looks for work again. True when work arrived meanwhile and this call took the flag
    /// back: the sweep lists the activation again. <see cref="ListForSweepIfNeeded"/> reads the flag after the fenced
    /// compare-and-swap that schedules the mailbox, so a mailbox scheduled meanwhile is seen here or lists itself.
    /// </summary>
    public bool UnlistForSweep()
    {
        Interlocked.Exchange(ref _listedForSweep, 0);
        return MayHaveWork && Interlocked.Exchange(ref _listedForSweep, 1) == 0;
    }

    /// <summary>Called after this mailbox became scheduled: puts the activation on the timeout sweep's list unless it is there.</summary>
    private void ListForSweepIfNeeded()
    {
        if (Volatile.Read(ref _listedForSweep) == 0 && Interlocked.Exchange(ref _listedForSweep, 1) == 0)
        {
            Runtime.ListForSweep(this);
        }
    }

    /// <summary>True when items wait in the mailbox (not counting the running turn).</summary>
    public bool HasQueuedWork => QueuedCount > 0;

    private int QueuedCount
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    private bool TryDequeue([NotNullWhen(true)] out WorkItem? item)
    {
        lock (_queue)
        {
            return _queue.TryDequeue(out item);
        }
    }

    public bool HasBeenBusySince(long timestamp) =>
        HasQueuedWork || Volatile.Read(ref _awaitingCount) > 0 || Volatile.Read(ref _lastActive) > timestamp;

    /// <summary>True when the last call finished at least <paramref name="age"/> before <paramref name="now"/> (runtime clock timestamps).</summary>
    public bool IsIdleFor(TimeSpan age, long now) => Runtime.Time.GetElapsedTime(Volatile.Read(ref _lastActive), now) >= age;

    public void CancelCollection() => Volatile.Write(ref _collectionRequested, 0);

    public void Invalidate(DeactivationReason reason) => _deactivateAfterTurn = reason;

    public void DeactivateOnIdle() => _deactivateAfterTurn ??= DeactivationReason.Requested;

    public Task RegisterOrUpdateReminderAsync(string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken = default) =>
        Runtime.RegisterReminderAsync(GrainId, name, dueAt, period, cancellationToken);

    public Task UnregisterReminderAsync(string name, CancellationToken cancellationToken = default) =>
        Runtime.UnregisterReminderAsync(GrainId, name, cancellationToken);

    public void RemindersChanged(IReadOnlyList<Reminders.ReminderChange> changes) => Runtime.RemindersChanged(GrainId, changes);

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (State is ActivationState.Deactivating or ActivationState.Deactivated)
        {
            throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot start timers.");
        }

        var timer = new GrainTimer(this, callback, dueTime, period, Runtime.Time);
        lock (_timersLock)
        {
            (_timers ??= []).Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timersLock)
        {
            _timers?.Remove(timer);
        }
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_timersLock)
        {
            timers = _timers?.ToArray() ?? [];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
