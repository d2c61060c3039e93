using System.Text.Json;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// The runtime's <see cref="IJournal{TState}"/>: loads snapshot + events, appends with the expected version, writes a
/// snapshot every <see cref="RuntimeOptions.SnapshotInterval"/> events (deferred for a large state until the events
/// since the last snapshot are at least as large as it, so snapshots never cost more to write than the events they
/// cover) and the state's index entries when they changed, all in one <see cref="AppendRequest"/>.
/// Pipelined appends collect their records in a pending buffer; one flush, run between turns, starts appending them all
/// and ends its turn, so the grain's next turns (collecting the next batch) overlap the commit. Where storage applies
/// appends in order, two may be in flight (the next one queued at storage while one commits, so the writer never waits
/// for the grain), otherwise one; a further flush waits, so a batch grows with the load on the grain. A failed
/// background append is settled by the next turn that touches the journal: what was sent or pending after it fails
/// too (it was decided on a state that included the failed records) and the state is reloaded from storage.
/// <para>
/// Besides the state, an activation's journal keeps only counters (the last snapshot's size, the events since it) and
/// the pending records until they commit: nothing to rebuild the state from. Events are applied before the append, so
/// an event the state rejects is never stored; the state it may have half-changed is then reloaded from storage (the
/// durable snapshot and events) with the pending records applied again on top. Where that cannot happen at once (a
/// rejected pipelined event, in the synchronous part of a call) the journal is faulted: <see cref="State"/> and appends
/// throw, the activation is dropped after the turn, and the deactivation's flush reloads before it commits the pending
/// records of other calls. If an append fails, its waiters fail, the state is reloaded from storage (the truth even when
/// the failed batch did commit) and the activation is dropped so the next call loads afresh.
/// </para>
/// </summary>
internal sealed partial class Journal<TState> : IJournal<TState>, IJournalLifecycle
    where TState : class, IJournaledState, new()
{
    private readonly IJournalHost _host;
    private readonly IGrainStorage _storage;
    private readonly TimeProvider _time;
    private readonly int _snapshotInterval;
    private readonly List<EventRecord> _pending = [];
    private TState _state = new();

    // True until the state made with the journal is first changed or replaced: the first load keeps that object when
    // storage has no snapshot (every new grain) instead of making a second empty state and dropping the first.
    private bool _stateUnused = true;
    private TaskCompletionSource? _pendingDurable;
    private bool _flushScheduled;
    // The version storage has once the appends sent so far commit (what the next append expects).
    private long _durableVersion;
    private int _snapshotChars;
    private int _eventsSinceSnapshot;
    private long _charsSinceSnapshot;
    private IReadOnlyList<IndexEntry>? _lastIndex;
    private Exception? _fault;
    private int _appending;

    // Pipelined appends running in the background: the last one sent and the one before it (each completes after the
    // one before), the last one's waiters, and the first error until a turn handles it. At most two are in flight when
    // storage applies appends in order (the next batch is queued at storage while one commits), else one.
    private readonly int _maxInFlight;
    private Task _inFlight = Task.CompletedTask;
    private Task _inFlightBefore = Task.CompletedTask;
    private TaskCompletionSource? _inFlightDurable;
    private volatile Exception? _inFlightFault;

    /// <summary>Above this size (characters of JSON) a snapshot is deferred in proportion to the events written.</summary>
    internal const int LargeSnapshotChars = 64 * 1024;

    /// <summary>A large state's next snapshot waits for events of this many times its last snapshot's size.</summary>
    internal const int LargeSnapshotEventFactor = 4;

    // A pending buffer that grew this large in a burst is let go once flushed, so a quiet grain does not keep it.
    private const int PendingCapacityKept = 1024;

    static Journal() => JournalEventRegistry.Scan(typeof(TState).Assembly);

    public Journal(IJournalHost host, IGrainStorage storage, TimeProvider time, RuntimeOptions options)
    {
        _host = host;
        _storage = storage;
        _time = time;
        _snapshotInterval = Math.Max(1, options.SnapshotInterval);
        _maxInFlight = storage.AppendsInOrder ? 2 : 1;
    }

    public TState State => _fault is null && _inFlightFault is null ? _state : throw FaultedException();

    public long Version { get; private set; }

    public Task? PendingDurability =>
        _pendingDurable?.Task ?? (_inFlightDurable is { Task.IsCompletedSuccessfully: false } inFlight ? inFlight.Task : null);

    public Task LoadAsync(CancellationToken cancellationToken)
    {
        _pending.Clear();
        return ReloadDurableAsync(cancellationToken);
    }

    public Task AppendAsync(object @event, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return AppendAsync([@event], actor, cancellationToken);
    }

    public Task AppendAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default) =>
        AppendCoreAsync(events, actor, reminders: null, cancellationToken);

    public Task AppendAsync(IReadOnlyList<object> events, string actor, Func<TState, IReadOnlyList<ReminderChange>> reminders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        return AppendCoreAsync(events, actor, reminders, cancellationToken);
    }

    private async Task AppendCoreAsync(
        IReadOnlyList<object> events, string actor, Func<TState, IReadOnlyList<ReminderChange>>? reminders, CancellationToken cancellationToken)
    {
        var records = Serialize(events, actor);
        if (records.Length == 0 && reminders is null)
        {
            return;
        }

        EnterAppend();
        try
        {
            // A pipelined append still running goes first; if it failed, these events were decided on a state that
            // included its records, so they fail too.
            await SettleInFlightAsync(throwOnFailure: true).ConfigureAwait(false);
            ThrowIfFaulted();
            IReadOnlyList<ReminderChange>? changes = null;
            var applied = false;
            try
            {
                Apply(events, records);
                applied = true;
                changes = reminders is null ? null : OnePerName(reminders(_state));
            }
            catch (Exception ex)
            {
                if (applied)
                {
                    // The events were good but the reminders could not be decided: they are not appended either.
                    _pending.RemoveRange(_pending.Count - records.Length, records.Length);
                    Version -= records.Length;
                    _fault = ex;
                }

                // The call keeps its turn: put the state right (durable + pending) before the caller sees it again.
                await RestoreAsync().ConfigureAwait(false);
                throw;
            }

            if (records.Length == 0 && changes is not { Count: > 0 })
            {
                return;
            }

            // Pipelined records still pending go first, in the same request: order and expected version stay right.
            await CommitPendingAsync(cancellationToken, changes is { Count: > 0 } ? changes : null).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _appending, 0);
        }
    }

    public Task AppendPipelinedAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default)
    {
        var records = Serialize(events, actor);
        if (records.Length == 0)
        {
            return _pendingDurable?.Task ?? Task.CompletedTask;
        }

        if (Volatile.Read(ref _appending) != 0)
        {
            ThrowAppendInProgress();
        }

        ThrowIfFaulted();
        try
        {
            Apply(events, records);
        }
        catch
        {
            // Synchronous here, so no reload now: the journal stays faulted, nothing runs on this activation after
            // this turn but its deactivation, whose flush reloads and then commits the other calls' pending records.
            _host.Invalidate(DeactivationReason.Failed);
            throw;
        }

        var durable = (_pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        if (!_host.TryReleaseTurn())
        {
            // Not in the first synchronous part of a call: the turn cannot be handed on, so commit now, keeping it.
            return CommitInlineAsync(cancellationToken);
        }

        if (!_flushScheduled)
        {
            _flushScheduled = true;
            _host.ScheduleFlush();
        }

        return durable;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flushScheduled = false;
        if (_pending.Count == 0 && _inFlight.IsCompleted && _inFlightFault is null)
        {
            return;
        }

        EnterAppend();
        try
        {
            if (!await SettleInFlightAsync(throwOnFailure: false).ConfigureAwait(false))
            {
                return;
            }

            if (_fault is not null)
            {
                // A pipelined event was rejected: the snapshot and index must come from the durable state plus the
                // pending records, not from the half-changed state.
                await RestoreAsync().ConfigureAwait(false);
            }

            if (_pending.Count > 0)
            {
                await CommitPendingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // every waiter has been failed with the exception and the activation is dropped
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Volatile.Write(ref _appending, 0);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadHistoryAsync(long afterVersion, int maxCount, CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadEventsAsync(_host.GrainId, afterVersion, maxCount, cancellationToken).ConfigureAwait(false);
        return stored
            .Select(e => new JournalEntry(e.Version, e.EventType, Deserialize(e.EventType, e.Data), e.Actor, e.Timestamp, e.Position))
            .ToList();
    }

    private async Task CommitInlineAsync(CancellationToken cancellationToken)
    {
        EnterAppend();
        try
        {
            await SettleInFlightAsync(throwOnFailure: true).ConfigureAwait(false);
            await CommitPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _appending, 0);
        }
    }

    private void EnterAppend()
    {
        if (Interlocked.Exchange(ref _appending, 1) != 0)
        {
            ThrowAppendInProgress();
        }
    }

    private void ThrowAppendInProgress() => throw new InvalidOperationException(
        $"Grain {_host.GrainId}: an append is already in progress; await each AppendAsync before the next (they share one expected version).");

    private EventRecord[] Serialize(IReadOnlyList<object> events, string actor)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = _time.GetUtcNow();
        var records = new EventRecord[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException("Events must not be null.", nameof(events));
            var type = e.GetType();
            records[i] = new EventRecord(JournalEventRegistry.GetName(type), JsonSerializer.Serialize(e, type, JournalJson.Options), actor, now);
        }

        return records;
    }

    /// <summary>Applies the events and adds their records to the pending buffer; if the state rejects one, the journal is faulted.</summary>
    private void Apply(IReadOnlyList<object> events, EventRecord[] records)
    {
        _stateUnused = false;
        try
        {
            foreach (var e in events)
            {
                _state.Apply(e);
            }
        }
        catch (Exception ex)
        {
            // The state may be half-changed and nothing in memory can undo it: refuse it until it is reloaded.
            _fault = ex;
            throw;
        }

        _pending.AddRange(records);
        Version += records.Length;
    }

    /// <summary>
    /// Appends every pending record (and <paramref name="reminders"/>) in one request, keeping the turn; on failure nothing
    /// pending is acknowledged.
    /// </summary>
    private async Task CommitPendingAsync(CancellationToken cancellationToken, IReadOnlyList<ReminderChange>? reminders = null)
    {
        var records = TakePending(out var waiters);
        var request = PrepareAppend(records, reminders);
        try
        {
            await _storage.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (reminders is not null && ex is not InconsistentStateException)
            {
                // The outcome is unknown (the batch may have committed): a tick read ahead from an old row is dropped,
                // and a later poll reads what the table holds.
                _host.RemindersChanged(reminders);
            }

            // On a stale version the state is wrong; on any other error the outcome is unknown (the batch may have
            // committed). Either way: fail every waiter, take storage's state, and reload on the next call.
            waiters?.TrySetException(ex);
            _host.Invalidate(ex is InconsistentStateException ? DeactivationReason.InconsistentState : DeactivationReason.Failed);
            await TryReloadDurableAsync(ex).ConfigureAwait(false);
            throw;
        }

        Committed(request, records.Length);
        if (reminders is not null)
        {
            _host.RemindersChanged(reminders);
        }

        waiters?.TrySetResult();
    }

    private EventRecord[] TakePending(out TaskCompletionSource? waiters)
    {
        var records = _pending.ToArray();
        _pending.Clear();
        if (_pending.Capacity > PendingCapacityKept)
        {
            _pending.TrimExcess();
        }

        waiters = _pendingDurable;
        _pendingDurable = null;
        return records;
    }

    private void Committed(AppendRequest request, int count)
    {
        _durableVersion = request.ExpectedVersion + count;
        if (request.Snapshot is { } snapshot)
        {
            _snapshotChars = snapshot.Data.Length;
            _eventsSinceSnapshot = 0;
            _charsSinceSnapshot = 0;
        }
        else
        {
            _eventsSinceSnapshot += count;
            _charsSinceSnapshot += CountChars(request.Events);
        }

        if (request.Index is not null)
        {
            _lastIndex = request.Index;
        }
    }

    private static object Deserialize(string eventType, string data)
    {
        var type = JournalEventRegistry.GetType(eventType, typeof(TState));
        return JsonSerializer.Deserialize(data, type, JournalJson.Options)
               ?? throw new InvalidOperationException($"Stored event '{eventType}' deserialized to null.");
    }
}
