using System.Text.Json;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// Putting a journal's state right without keeping anything to rebuild it from: reload from storage, apply the pending
/// records again, or fault the journal (state and appends refused) until the activation is dropped.
/// </summary>
internal sealed partial class Journal<TState>
{
    private void ThrowIfFaulted()
    {
        if (_fault is not null || _inFlightFault is not null)
        {
            throw FaultedException();
        }
    }

    private InvalidOperationException FaultedException()
    {
        var fault = _fault ?? _inFlightFault!;
        return new(
            $"Grain {_host.GrainId}: the journal's state cannot be trusted after {fault.GetType().Name} ({fault.Message}) and has not " +
            "been reloaded; the activation is being dropped and the next call loads the state from storage.",
            fault);
    }

    /// <summary>
    /// After an event was rejected: the durable state from storage with the pending records applied again. If storage
    /// moved on meanwhile, the pending records were decided against a stale state and fail; if it cannot be read, they
    /// fail too and the journal stays faulted. Never throws; the activation is dropped when the pending records fail.
    /// </summary>
    private async Task RestoreAsync()
    {
        var expected = _durableVersion;
        if (!await TryReloadDurableAsync(fault: null).ConfigureAwait(false))
        {
            FailPending(_fault!);
            Version = _durableVersion;
            _host.Invalidate(DeactivationReason.Failed);
            return;
        }

        if (_durableVersion != expected)
        {
            FailPending(new InconsistentStateException(_host.GrainId, expected, _durableVersion));
            _host.Invalidate(DeactivationReason.InconsistentState);
            return;
        }

        try
        {
            foreach (var record in _pending)
            {
                _state.Apply(Deserialize(record.EventType, record.Data));
            }
        }
        catch (Exception ex)
        {
            // Apply must be deterministic; one that now rejects an event it accepted leaves nothing to commit safely.
            _fault = ex;
            FailPending(ex);
            _host.Invalidate(DeactivationReason.Failed);
            return;
        }

        Version = _durableVersion + _pending.Count;
    }

    /// <summary>Reloads the durable state; on failure faults the journal (with <paramref name="fault"/>, or the load's error) and returns false.</summary>
    private async Task<bool> TryReloadDurableAsync(Exception? fault)
    {
        try
        {
            // Not the caller's token: a canceled wait must not leave the state wrong.
            await ReloadDurableAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // the journal is faulted with it: State and appends throw, and the activation is dropped
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _fault = fault ?? ex;
            return false;
        }
    }

    /// <summary>A grain's state from what storage holds: the latest snapshot (else <paramref name="fresh"/>) and the events after it.</summary>
    internal static TState Replay(GrainId grainId, JournalLoad load, Func<TState> fresh)
    {
        ArgumentNullException.ThrowIfNull(load);
        var state = load.Snapshot is { } snapshot
            ? JsonSerializer.Deserialize<TState>(snapshot.Data, JournalJson.Options)
              ?? throw new InvalidOperationException($"Grain {grainId}: the stored snapshot deserialized to null.")
            : fresh();
        foreach (var stored in load.Events)
        {
            state.Apply(Deserialize(stored.EventType, stored.Data));
        }

        return state;
    }

    /// <summary>The query index entries of the state replayed from <paramref name="load"/> (for <see cref="JournalIndexRebuild"/>).</summary>
    internal static IReadOnlyList<IndexEntry> IndexOf(GrainId grainId, JournalLoad load) =>
        ((IIndexedState)Replay(grainId, load, static () => new TState())).GetIndexEntries();

    /// <summary>Replaces the state with storage's: the latest snapshot and the events after it.</summary>
    private async Task ReloadDurableAsync(CancellationToken cancellationToken)
    {
        var load = await _storage.LoadAsync(_host.GrainId, cancellationToken).ConfigureAwait(false);
        var state = Replay(_host.GrainId, load, FreshState);
        long chars = 0;
        foreach (var stored in load.Events)
        {
            chars += stored.Data.Length;
        }

        _state = state;
        _stateUnused = false;
        _fault = null;
        Version = _durableVersion = load.Version;
        _snapshotChars = load.Snapshot?.Data.Length ?? 0;
        _eventsSinceSnapshot = load.Events.Count;
        _charsSinceSnapshot = chars;
        _lastIndex = (state as IIndexedState)?.GetIndexEntries();
    }

    private TState FreshState()
    {
        if (_stateUnused)
        {
            _stateUnused = false;
            return _state;
        }

        return new TState();
    }

    private void FailPending(Exception exception)
    {
        _pending.Clear();
        var waiters = _pendingDurable;
        _pendingDurable = null;
        waiters?.TrySetException(exception);
    }
}
