using System.Text.Json;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Journaling;

/// <summary>
/// The runtime's <see cref="IJournal{TState}"/>: loads snapshot + events, appends with the expected version, writes a
/// snapshot every <see cref="RuntimeOptions.SnapshotInterval"/> events and the state's index entries when they changed,
/// all in one <see cref="AppendRequest"/>. Events are applied before the append (so an event the state rejects is never
/// stored); if the append fails the state is rebuilt from the last durable snapshot and the events after it, which the
/// journal keeps serialized, and the activation is dropped so the next call reloads from storage.
/// </summary>
internal sealed class Journal<TState> : IJournal<TState>, IJournalLifecycle
    where TState : class, IJournaledState, new()
{
    private readonly IJournalHost _host;
    private readonly IGrainStorage _storage;
    private readonly TimeProvider _time;
    private readonly int _snapshotInterval;
    private readonly List<EventRecord> _sinceSnapshot = [];
    private string? _snapshotData;
    private IReadOnlyList<IndexEntry>? _lastIndex;
    private int _appending;

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

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var load = await _storage.LoadAsync(_host.GrainId, cancellationToken).ConfigureAwait(false);
        _snapshotData = load.Snapshot?.Data;
        _sinceSnapshot.Clear();
        foreach (var stored in load.Events)
        {
            _sinceSnapshot.Add(new EventRecord(stored.EventType, stored.Data, stored.Actor, stored.Timestamp));
        }

        State = Rebuild();
        Version = load.Version;
        _lastIndex = (State as IIndexedState)?.GetIndexEntries();
    }

    public Task AppendAsync(object @event, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return AppendAsync([@event], actor, cancellationToken);
    }

    public async Task AppendAsync(IReadOnlyList<object> events, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (events.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var records = new EventRecord[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException("Events must not be null.", nameof(events));
            var type = e.GetType();
            records[i] = new EventRecord(JournalEventRegistry.GetName(type), JsonSerializer.Serialize(e, type, JournalJson.Options), actor, now);
        }

        if (Interlocked.Exchange(ref _appending, 1) != 0)
        {
            throw new InvalidOperationException(
                $"Grain {_host.GrainId}: an append is already in progress; await each AppendAsync before the next (they share one expected version).");
        }

        try
        {
            await CommitAsync(events, records, now, cancellationToken).ConfigureAwait(false);
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

    private async Task CommitAsync(IReadOnlyList<object> events, EventRecord[] records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = PrepareAppend(events, records, now);
        try
        {
            await _storage.AppendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            State = Rebuild();
            _host.Invalidate(DeactivationReason.InconsistentState);
            throw;
        }
        catch (Exception)
        {
            // The outcome is unknown (the batch may have committed): restore the last known durable state for the
            // rest of this turn and make the next call reload from storage.
            State = Rebuild();
            _host.Invalidate(DeactivationReason.Failed);
            throw;
        }

        Version = request.ExpectedVersion + records.Length;
        if (request.Snapshot is { } snapshot)
        {
            _snapshotData = snapshot.Data;
            _sinceSnapshot.Clear();
        }
        else
        {
            _sinceSnapshot.AddRange(records);
        }

        if (request.Index is not null)
        {
            _lastIndex = request.Index;
        }
    }

    private AppendRequest PrepareAppend(IReadOnlyList<object> events, EventRecord[] records, DateTimeOffset now)
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
            State = Rebuild();
            throw;
        }

        var expected = Version;
        var newVersion = expected + records.Length;
        SnapshotRecord? snapshot = null;
        if (newVersion / _snapshotInterval > expected / _snapshotInterval)
        {
            snapshot = new SnapshotRecord(newVersion, JsonSerializer.Serialize(State, JournalJson.Options), now);
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

    private TState Rebuild()
    {
        var state = _snapshotData is null
            ? new TState()
            : JsonSerializer.Deserialize<TState>(_snapshotData, JournalJson.Options)
              ?? throw new InvalidOperationException($"Grain {_host.GrainId}: the stored snapshot deserialized to null.");
        foreach (var record in _sinceSnapshot)
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
