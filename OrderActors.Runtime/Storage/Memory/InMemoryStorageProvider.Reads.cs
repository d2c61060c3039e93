namespace OrderActors.Runtime.Storage.Memory;

/// <summary>Reading journals and the change feed back.</summary>
public sealed partial class InMemoryStorageProvider
{
    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grainId, long afterVersion, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_journals.TryGetValue(grainId, out var journal) || afterVersion >= journal.Events.Count || maxCount <= 0)
            {
                return Task.FromResult<IReadOnlyList<StoredEvent>>([]);
            }

            var from = (int)Math.Max(0, afterVersion);
            var count = Math.Min(maxCount, journal.Events.Count - from);
            return Task.FromResult<IReadOnlyList<StoredEvent>>(journal.Events.GetRange(from, count));
        }
    }

    /// <inheritdoc />
    public Task<long> GetFeedHeadAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult((long)_feed.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (afterPosition >= _feed.Count || maxCount <= 0)
            {
                return Task.FromResult<IReadOnlyList<StoredEvent>>([]);
            }

            var from = (int)Math.Max(0, afterPosition);
            return Task.FromResult<IReadOnlyList<StoredEvent>>(_feed.GetRange(from, Math.Min(maxCount, _feed.Count - from)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> ReadFeedAsync(long afterPosition, int maxCount, IReadOnlyCollection<string> eventTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (eventTypes.Count == 0)
        {
            return ReadFeedAsync(afterPosition, maxCount, cancellationToken);
        }

        var types = eventTypes.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            var from = (int)Math.Clamp(afterPosition, 0, _feed.Count);
            return Task.FromResult<IReadOnlyList<StoredEvent>>(_feed.Skip(from).Where(e => types.Contains(e.EventType)).Take(Math.Max(0, maxCount)).ToList());
        }
    }
}
