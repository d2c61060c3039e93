using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrderActors.Api.Auth;

/// <summary>
/// Keys that verified, held in memory by the SHA-256 of the presented key, so a request with a known key reads no
/// storage. Only verified keys are added: a stream of wrong keys cannot push good ones out. An entry is trusted for
/// <see cref="AuthOptions.KeyCacheLifetime"/> (a key revoked by another silo on the same database is refused here
/// within that time); <see cref="Evict"/> drops a key at once (revocation on this silo). At most
/// <see cref="AuthOptions.KeyCacheCapacity"/> entries: when full, expired ones are dropped, else the new key is not cached.
/// </summary>
/// <remarks>
/// A verification reads storage outside any lock, so it may race an eviction: it takes <see cref="Generation"/> before
/// reading and <see cref="Add"/> keeps the entry only if no eviction happened since; an eviction bumps the generation
/// before it removes entries, so either the adder sees the bump or the eviction sees the entry.
/// </remarks>
public sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<string, CachedApiKey> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _capacity;
    private long _generation;

    public ApiKeyCache(TimeProvider time, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _lifetime = options.Value.KeyCacheLifetime;
        _capacity = options.Value.KeyCacheCapacity;
    }

    /// <summary>Entries held, expired or not (for tests and diagnostics; it locks the whole dictionary).</summary>
    public int Count => _entries.Count;

    /// <summary>Take this before reading a key from storage and hand it to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private bool Enabled => _lifetime > TimeSpan.Zero && _capacity > 0;

    /// <summary>The record cached for this key hash, or null when none is held or it has expired.</summary>
    public ApiKeyRecord? TryGet(string hash)
    {
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        if (_time.GetElapsedTime(entry.VerifiedAt) < _lifetime)
        {
            return entry.Record;
        }

        _entries.TryRemove(KeyValuePair.Create(hash, entry));
        return null;
    }

    /// <summary>Caches a key that has just verified against storage, unless an eviction happened since <paramref name="generation"/> was taken.</summary>
    public void Add(string hash, ApiKeyRecord record, long generation)
    {
        if (!Enabled || generation != Generation)
        {
            return;
        }

        if (_entries.Count >= _capacity && RemoveExpired() == 0)
        {
            return;
        }

        var entry = new CachedApiKey(record, _time.GetTimestamp());
        _entries[hash] = entry;
        if (Generation != generation)
        {
            _entries.TryRemove(KeyValuePair.Create(hash, entry));
        }
    }

    /// <summary>Drops every cached key with this id; a verification already in flight will not put it back.</summary>
    public void Evict(string id)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (string.Equals(entry.Record.Id, id, StringComparison.Ordinal))
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private int RemoveExpired()
    {
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (_time.GetElapsedTime(pair.Value.VerifiedAt) >= _lifetime && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }
}
