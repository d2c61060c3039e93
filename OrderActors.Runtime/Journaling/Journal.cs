using System.Text.Json;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// The runtime's <see cref="IJournal{TState}"/>: loads snapshot + events, appends with the expected version, writes a
/// snapshot every <see cref="RuntimeOptions.SnapshotInterval"/> events (deferred for a large state until the events
/// since the last snapshot are at least as large as it, so snapshots never cost more to write than the events they
/// cover) and the state's index entries when they changed,
/// all in one <see cref="AppendRequest"/>. Events are applied before the append (so an event the state rejects is never
/// stored); if the append fails the state is rebuilt from the last durable snapshot and the events after it, which the
/// journal keeps serialized, and the activation is dropped so the next call reloads from storage.
/// Pipelined appends collect their records in a pending buffer; one flush, run between turns, appends them all, so at
/// most one append per activation is in flight and a batch grows with the load on the grain.
/// </summary>
internal sealed class Journal<TState> : IJournal<TState>, IJournalLifecycle
    where TState : class, IJournaledState, new()
{
    private readonly IJournalHost _host;
    private readonly IGrainStorage _storage;
    private readonly TimeProvider _time;
    private readonly int _snapshotInterval;
    private readonly List<EventRecord> _sinceSnapshot = [];
    private readonly List<EventRecord> _pending = [];
    private TaskCompletionSource? _pendingDurable;
    private bool _flushScheduled;
    private long _durableVersion;
    private string? _snapshotData;
    private long _bytesSinceSnapshot;
    private IReadOnlyList<IndexEntry>? _lastIndex;
    private int _appending;

    /// <summary>Above this size (characters of JSON) a snapshot is deferred in proportion to the events written.</summary>
    internal const int LargeSnapshotChars = 64 * 1024;

    static Journal() => JournalEventRegistry.Scan(typeof(TState).Assembly);

    public Journal(IJournalHost host, IGrainStorage storage, TimeProvider time, RuntimeOptions options)
    {
        _host = host;
        _storage = storage;
        _time = time;
        _snapshotInterval = Math.Max(1, options.SnapshotInterval);
    }

    public TState State { get; private set; } = new();

    public long Version { get; private set; }

    public Task? PendingDurability => _pendingDurable?.Task;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var load = await _storage.LoadAsync(_host.GrainId, cancellationToken).ConfigureAwait(false);
        _snapshotData = load.Snapshot?.Data;
        _sinceSnapshot.Clear();
        _pending.Clear();
        _bytesSinceSnapshot = 0;
        foreach (var stored in load.Events)
        {
            _sinceSnapshot.Add(new EventRecord(stored.EventType, stored.Data, stored.Actor, stored.Timestamp));
            _bytesSinceSnapshot += stored.Data.Length;
        }

        State = Rebuild(includePending: false);
        Version = _durableVersion = load.Version;
        _lastIndex = (State as IIndexedState)?.GetIndexEntries();
    }

    public Task AppendAsync(object @event, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return AppendAsync([@event], actor, cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default)
    {
        var records = Serialize(events, actor);
        if (records.Length == 0)
        {
            return;
        }

        EnterAppend();
        try
        {
            Apply(events, records);

            // Pipelined records still pending go first, in the same request: order and expected version stay right.
            await CommitPendingAsync(cancellationToken).ConfigureAwait(false);
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

        Apply(events, records);
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
        if (_pending.Count == 0)
        {
            return;
        }

        EnterAppend();
        try
        {
            await CommitPendingAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Applies the events and adds their records to the pending buffer; an event the state rejects changes nothing.</summary>
    private void Apply(IReadOnlyList<object> events, EventRecord[] records)
    {
        try
        {
            foreach (var e in events)
            {
                State.Apply(e);
            }
        }
        catch
        {
            State = Rebuild(includePending: true);
            throw;
        }

        _pending.AddRange(records);
        Version += records.Length;
    }

    /// <summary>Appends every pending record in one request; on failure nothing pending is acknowledged.</summary>
    private async Task CommitPendingAsync(CancellationToken cancellationToken)
    {
        var records = _pending.ToArray();
        _pending.Clear();
        var waiters = _pendingDurable;
        _pendingDurable = null;
        var request = PrepareAppend(records);
        try
        {
            await _storage.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // On a stale version the state is wrong; on any other error the outcome is unknown (the batch may have
            // committed). Either way: back to the last known durable state, fail every waiter, reload on the next call.
            State = Rebuild(includePending: false);
            Version = _durableVersion;
            waiters?.TrySetException(ex);
            _host.Invalidate(ex is InconsistentStateException ? DeactivationReason.InconsistentState : DeactivationReason.Failed);
            throw;
        }

        _durableVersion = request.ExpectedVersion + records.Length;
        if (request.Snapshot is { } snapshot)
        {
            _snapshotData = snapshot.Data;
            _sinceSnapshot.Clear();
            _bytesSinceSnapshot = 0;
        }
        else
        {
            _sinceSnapshot.AddRange(records);
            foreach (var record in records)
            {
                _bytesSinceSnapshot += record.Data.Length;
            }
        }

        if (request.Index is not null)
        {
            _lastIndex = request.Index;
        }

        waiters?.TrySetResult();
    }

    /// <summary>Builds the request for <paramref name="records"/>; State is exactly the durable state plus them.</summary>
    private AppendRequest PrepareAppend(EventRecord[] records)
    {
        var expected = _durableVersion;
        var newVersion = expected + records.Length;
        SnapshotRecord? snapshot = null;
        if (IsSnapshotDue(expected, newVersion, records))
        {
            snapshot = new SnapshotRecord(newVersion, JsonSerializer.Serialize(State, JournalJson.Options), _time.GetUtcNow());
        }

        IReadOnlyList<IndexEntry>? index = null;
        if (State is IIndexedState indexed)
        {
            var entries = indexed.GetIndexEntries();
            if (_lastIndex is null || !entries.SequenceEqual(_lastIndex))
            {
                index = entries;
            }
        }

        return new AppendRequest(_host.GrainId, expected, records) { Snapshot = snapshot, Index = index };
    }

    /// <summary>
    /// Every <see cref="RuntimeOptions.SnapshotInterval"/> events; but a state whose last snapshot was larger than
    /// <see cref="LargeSnapshotChars"/> (a hot SKU with thousands of open holdings) waits until the events since it add
    /// up to its size: serialising the whole state every few dozen events would cost more than the events themselves,
    /// on the grain's serial path. Replay on activation then reads at most about one snapshot's worth of events.
    /// </summary>
    private bool IsSnapshotDue(long expected, long newVersion, EventRecord[] records)
    {
        var intervalReached = newVersion / _snapshotInterval > expected / _snapshotInterval
                              || _sinceSnapshot.Count + records.Length >= _snapshotInterval;
        if (!intervalReached)
        {
            return false;
        }

        var lastSize = _snapshotData?.Length ?? 0;
        if (lastSize <= LargeSnapshotChars)
        {
            return true;
        }

        var bytes = _bytesSinceSnapshot;
        foreach (var record in records)
        {
            bytes += record.Data.Length;
        }

        return bytes >= lastSize;
    }

    private TState Rebuild(bool includePending)
    {
        var state = _snapshotData is null
            ? new TState()
            : JsonSerializer.Deserialize<TState>(_snapshotData, JournalJson.Options)
              ?? throw new InvalidOperationException($"Grain {_host.GrainId}: the stored snapshot deserialized to null.");
        foreach (var record in includePending ? _sinceSnapshot.Concat(_pending) : _sinceSnapshot)
        {
            state.Apply(Deserialize(record.EventType, record.Data));
        }

        return state;
    }

    private static object Deserialize(string eventType, string data)
    {
        var type = JournalEventRegistry.GetType(eventType, typeof(TState));
        return JsonSerializer.Deserialize(data, type, JournalJson.Options)
               ?? throw new InvalidOperationException($"Stored event '{eventType}' deserialized to null.");
    }
}
