using Microsoft.Extensions.Options;
using OrderActors.Api.Auth;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

/// <summary>The cache is read by a hash held as characters (no string per request): the same hits, misses and expiry as by string.</summary>
public sealed class ApiKeyCacheSpanTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryGetSpan_CachedHash_ServesTheRecordUntilItsLifetimeEnds()
    {
        var cache = NewCache();
        cache.Add("ab12", Key("k1"), cache.Generation);
        var hash = "xxab12xx".AsSpan(2, 4);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var before = cache.TryGet(hash);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var at = cache.TryGet(hash);

        Assert.Equal("k1", before?.Id);
        Assert.Null(at);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryGetSpan_OtherOrEvictedHash_IsNull()
    {
        var cache = NewCache();
        cache.Add("ab12", Key("k1"), cache.Generation);

        var other = cache.TryGet("AB12".AsSpan());
        cache.Evict("k1");
        var evicted = cache.TryGet("ab12".AsSpan());

        Assert.Null(other);
        Assert.Null(evicted);
    }

    [Fact]
    public async Task VerifyAsync_KeyVerifiedOnce_IsServedFromTheCacheWithoutStorage()
    {
        var documents = new CountingDocumentStore();
        var cache = NewCache();
        var store = new ApiKeyStore(documents, cache, _clock);
        var created = await store.CreateAsync("ops", ["admin"], CancellationToken.None);
        var first = await store.VerifyAsync(created.Key, CancellationToken.None);
        var readsAfterFirst = documents.Reads;

        var second = await store.VerifyAsync(created.Key, CancellationToken.None);
        var wrong = await store.VerifyAsync(created.Key + "x", CancellationToken.None);

        Assert.Equal(created.Id, first?.Id);
        Assert.Equal(created.Id, second?.Id);
        Assert.Null(wrong);
        Assert.Equal(readsAfterFirst, documents.Reads - 1);
    }

    private ApiKeyCache NewCache() =>
        new(_clock, Options.Create(new AuthOptions { KeyCacheLifetime = TimeSpan.FromSeconds(60), KeyCacheCapacity = 16 }));

    private ApiKeyRecord Key(string id) => new(id, id, ["admin"], "00", _clock.GetUtcNow());
}
