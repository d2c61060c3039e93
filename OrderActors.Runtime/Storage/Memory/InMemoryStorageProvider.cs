using System.Globalization;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Storage.Memory;

/// <summary>
/// A storage provider that keeps everything in process memory, for fast runtime tests and the in-memory benchmark.
/// It honours every contract of <see cref="IStorageProvider"/> (expected versions, snapshots, indexes with keyset
/// paging, feed positions, reminder and document ETags/versions) under one lock; it is not durable.
/// </summary>
public sealed partial class InMemoryStorageProvider(TimeProvider time) : IStorageProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, MemoryJournal> _journals = [];
    private readonly List<StoredEvent> _feed = [];
    private readonly Dictionary<string, SortedSet<string>> _keysByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, Dictionary<string, string>>> _indexes = new(StringComparer.Ordinal);
    private readonly MemoryReminderTable _reminders = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredDocument>> _documents = new(StringComparer.Ordinal);
    private long _etag;
    private long _commits;
    private long _conflicts;

    /// <inheritdoc />
    public string ProviderName => "memory";

    /// <inheritdoc />
    /// <remarks>An append is applied under the store's lock before AppendAsync returns.</remarks>
    public bool AppendsInOrder => true;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<JournalLoad> LoadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_journals.TryGetValue(grainId, out var journal))
            {
                return Task.FromResult(new JournalLoad(null, []));
            }

            var from = (int)(journal.Snapshot?.Version ?? 0);
            return Task.FromResult(new JournalLoad(journal.Snapshot, journal.Events.GetRange(from, journal.Events.Count - from)));
        }
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        StorageRequests.Validate(request);
        lock (_lock)
        {
            _journals.TryGetValue(request.GrainId, out var journal);
            var actual = journal?.Events.Count ?? 0;
            if (actual != request.ExpectedVersion)
            {
                _conflicts++;
                return Task.FromException<AppendResult>(new InconsistentStateException(request.GrainId, request.ExpectedVersion, actual));
            }

            if (journal is null)
            {
                journal = new MemoryJournal();
                _journals.Add(request.GrainId, journal);
            }

            if (request.Events.Count > 0 && journal.Events.Count == 0)
            {
                KeysOf(request.GrainId.Type).Add(request.GrainId.Key);
            }

            var version = request.ExpectedVersion;
            foreach (var e in request.Events)
            {
                var stored = new StoredEvent(request.GrainId, ++version, e.EventType, e.Data, e.Actor, e.Timestamp, _feed.Count + 1);
                journal.Events.Add(stored);
                _feed.Add(stored);
            }

            if (request.Snapshot is not null)
            {
                journal.Snapshot = request.Snapshot;
            }

            if (request.Index is { } index)
            {
                ReplaceIndex(request.GrainId, index);
            }

            // In the append's commit, after the version check: a stale append changes no reminder.
            foreach (var change in request.Reminders ?? [])
            {
                if (change.DueAt is { } dueAt)
                {
                    _reminders.Set(new ReminderEntry(request.GrainId, change.Name, dueAt, change.Period, NextETag()));
                }
                else
                {
                    _reminders.Remove(request.GrainId, change.Name);
                }
            }

            _commits++;
            return Task.FromResult(new AppendResult(version, journal.Events.Count > 0 ? journal.Events[^1].Position : 0));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IndexedGrain>> QueryIndexAsync(IndexQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = new List<IndexedGrain>();
        lock (_lock)
        {
            if (!_indexes.TryGetValue(query.GrainType, out var grains))
            {
                return Task.FromResult<IReadOnlyList<IndexedGrain>>(result);
            }

            foreach (var (key, entries) in grains)
            {
                if (result.Count >= query.Limit)
                {
                    break;
                }

                if (query.AfterKey is not null && string.CompareOrdinal(key, query.AfterKey) <= 0)
                {
                    continue;
                }

                if (query.Filters.All(f => Matches(entries, f)))
                {
                    result.Add(new IndexedGrain(key, new Dictionary<string, string>(entries, StringComparer.Ordinal)));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<IndexedGrain>>(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string? afterKey, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_keysByType.TryGetValue(grainType, out var keys))
            {
                return Task.FromResult<IReadOnlyList<string>>([]);
            }

            IEnumerable<string> query = keys;
            if (afterKey is not null)
            {
                query = query.Where(k => string.CompareOrdinal(k, afterKey) > 0);
            }

            return Task.FromResult<IReadOnlyList<string>>(query.Take(Math.Max(0, maxCount)).ToList());
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            var etag = NextETag();
            _reminders.Set(new ReminderEntry(grainId, name, dueAt, period, etag));
            _commits++;
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_reminders.Get(grainId, name) is not { } entry || (eTag is not null && entry.ETag != eTag))
            {
                return Task.FromResult(false);
            }

            _reminders.Remove(grainId, name);
            _commits++;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_reminders.Get(grainId, name) is not { } entry || entry.ETag != eTag)
            {
                return Task.FromResult<string?>(null);
            }

            var newETag = NextETag();
            _reminders.Set(entry with { DueAt = nextDueAt, ETag = newETag });
            _commits++;
            return Task.FromResult<string?>(newETag);
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reminders.Get(grainId, name));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_reminders.DueBy(dueBy, Math.Max(0, maxCount)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_reminders.OfGrain(grainId));
        }
    }

    /// <inheritdoc />
    public Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_reminders.CountDueBy(dueBy));
        }
    }

    /// <inheritdoc />
    public StorageStatistics GetStatistics()
    {
        lock (_lock)
        {
            // A stale append is a write that stored nothing, as in the SQL providers' batches: counted, as its own commit.
            var writes = _commits + _conflicts;
            return new StorageStatistics(ProviderName, writes, writes, _conflicts, writes == 0 ? 0 : 1, 0, 0, 0);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool Matches(Dictionary<string, string> entries, IndexFilter filter)
    {
        if (!entries.TryGetValue(filter.Name, out var value))
        {
            return false;
        }

        var cmp = string.CompareOrdinal(value, filter.Value);
        return filter.Operator switch
        {
            IndexOperator.Equal => cmp == 0,
            IndexOperator.GreaterOrEqual => cmp >= 0,
            IndexOperator.Less => cmp < 0,
            _ => false,
        };
    }

    private SortedSet<string> KeysOf(string grainType)
    {
        if (!_keysByType.TryGetValue(grainType, out var keys))
        {
            keys = new SortedSet<string>(StringComparer.Ordinal);
            _keysByType.Add(grainType, keys);
        }

        return keys;
    }

    private void ReplaceIndex(GrainId grainId, IReadOnlyList<IndexEntry> entries)
    {
        if (!_indexes.TryGetValue(grainId.Type, out var grains))
        {
            grains = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            _indexes.Add(grainId.Type, grains);
        }

        if (entries.Count == 0)
        {
            grains.Remove(grainId.Key);
            return;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            map[entry.Name] = entry.Value;
        }

        grains[grainId.Key] = map;
    }

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);
}
