using Microsoft.Extensions.Options;
using OrderActors.Api.Caching;

namespace OrderActors.Api.Auth;

/// <summary>
/// Keys that verified, held in memory by the SHA-256 of the presented key, so a request with a known key reads no
/// storage. Only verified keys are added: a stream of wrong keys cannot push good ones out. An entry is trusted for
/// <see cref="AuthOptions.KeyCacheLifetime"/> (a key revoked by another silo on the same database is refused here
/// within that time); <see cref="Evict"/> drops a key at once (revocation on this silo), also against a verification
/// in flight. At most <see cref="AuthOptions.KeyCacheCapacity"/> entries: when full, expired ones are dropped, else
/// the new key is not cached.
/// </summary>
public sealed class ApiKeyCache
{
    private readonly ExpiringCache<ApiKeyRecord> _entries;

    public ApiKeyCache(TimeProvider time, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _entries = new ExpiringCache<ApiKeyRecord>(time, options.Value.KeyCacheLifetime, options.Value.KeyCacheCapacity);
    }

    /// <summary>Entries held, expired or not (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>Take this before reading a key from storage and hand it to <see cref="Add"/>.</summary>
    public long Generation => _entries.Generation;

    /// <summary>The record cached for this key hash, or null when none is held or it has expired.</summary>
    public ApiKeyRecord? TryGet(string hash) => _entries.TryGet(hash, out var record) ? record : null;

    /// <summary>Like <see cref="TryGet(string)"/>, for a hash held as characters (no string per request).</summary>
    public ApiKeyRecord? TryGet(ReadOnlySpan<char> hash) => _entries.TryGet(hash, out var record) ? record : null;

    /// <summary>Caches a key that has just verified against storage, unless an eviction happened since <paramref name="generation"/> was taken.</summary>
    public void Add(string hash, ApiKeyRecord record, long generation) => _entries.Add(hash, record, generation);

    /// <summary>Drops every cached key with this id (the bootstrap id may be cached under an old and a new key).</summary>
    public void Evict(string id) => _entries.EvictWhere((_, record) => string.Equals(record.Id, id, StringComparison.Ordinal));
}
