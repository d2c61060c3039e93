using System.Collections.Concurrent;

namespace OrderActors.Api.Caching;

/// <summary>
/// A small in-memory cache of values read from storage: each entry is trusted for <c>lifetime</c> (measured on
/// <see cref="TimeProvider"/> timestamps), at most <c>capacity</c> entries (when full, expired ones are dropped, else
/// the new value is simply not cached), and an eviction wins over a read that was in flight when it happened.
/// </summary>
/// <remarks>
/// A reader takes <see cref="Generation"/> before it reads storage and hands it to <see cref="Add"/>, which keeps the
/// entry only if no eviction happened since. An eviction bumps the generation before it removes entries, so either
/// the adder sees the bump (and removes its own entry) or the eviction sees the entry.
/// </remarks>
internal sealed class ExpiringCache<T>(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Entries held, expired or not (it locks the whole dictionary: for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>Take this before reading storage and hand it to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private bool Enabled => lifetime > TimeSpan.Zero && capacity > 0;

    public bool TryGet(string key, out T value) => TryGet(key.AsSpan(), out value);

    /// <summary>Like <see cref="TryGet(string, out T)"/>, for a key the caller has as characters, not a string.</summary>
    public bool TryGet(ReadOnlySpan<char> key, out T value)
    {
        var lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var actualKey, out var entry))
        {
            if (time.GetElapsedTime(entry.AddedAt) < lifetime)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(actualKey, entry));
        }

        value = default!;
        return false;
    }

    /// <summary>Caches <paramref name="value"/> just read from storage, unless an eviction happened since <paramref name="generation"/> was taken.</summary>
    public void Add(string key, T value, long generation)
    {
        if (!Enabled || generation != Generation)
        {
            return;
        }

        if (_entries.Count >= capacity && RemoveExpired() == 0)
        {
            return;
        }

        var entry = new Entry(value, time.GetTimestamp());
        _entries[key] = entry;
        if (Generation != generation)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    /// <summary>Drops every entry whose value matches; a read already in flight will not put one back.</summary>
    public void EvictWhere(Func<string, T, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
        {
            if (match(key, entry.Value))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private int RemoveExpired()
    {
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (time.GetElapsedTime(pair.Value.AddedAt) >= lifetime && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <remarks>A class, not a struct: <see cref="ConcurrentDictionary{TKey,TValue}.TryRemove(KeyValuePair{TKey,TValue})"/> then compares by reference, so only this very entry is removed.</remarks>
    private sealed class Entry(T value, long addedAt)
    {
        public T Value { get; } = value;

        public long AddedAt { get; } = addedAt;
    }
}
