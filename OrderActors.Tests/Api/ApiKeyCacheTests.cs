using Microsoft.Extensions.Options;
using OrderActors.Api.Auth;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

public sealed class ApiKeyCacheTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryGet_BeforeAndAtLifetime_ServesThenDrops()
    {
        var cache = NewCache();
        cache.Add("h1", Key("k1"), cache.Generation);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var before = cache.TryGet("h1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var at = cache.TryGet("h1");

        Assert.Equal("k1", before?.Id);
        Assert.Null(at);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Add_AfterAnEvictionSinceGenerationWasTaken_DoesNotCache()
    {
        var cache = NewCache();
        var generation = cache.Generation;

        cache.Evict("k1");
        cache.Add("h1", Key("k1"), generation);

        Assert.Null(cache.TryGet("h1"));
    }

    [Fact]
    public void Evict_KeyCachedUnderTwoHashes_DropsBothAndKeepsOthers()
    {
        var cache = NewCache();
        cache.Add("h1", Key("bootstrap"), cache.Generation);
        cache.Add("h2", Key("bootstrap"), cache.Generation);
        cache.Add("h3", Key("k3"), cache.Generation);

        cache.Evict("bootstrap");

        Assert.Null(cache.TryGet("h1"));
        Assert.Null(cache.TryGet("h2"));
        Assert.Equal("k3", cache.TryGet("h3")?.Id);
    }

    [Fact]
    public void Add_WhenFullOfLiveEntries_LeavesThemAndDoesNotCacheTheNewKey()
    {
        var cache = NewCache(capacity: 2);
        cache.Add("h1", Key("k1"), cache.Generation);
        cache.Add("h2", Key("k2"), cache.Generation);

        cache.Add("h3", Key("k3"), cache.Generation);

        Assert.Equal("k1", cache.TryGet("h1")?.Id);
        Assert.Equal("k2", cache.TryGet("h2")?.Id);
        Assert.Null(cache.TryGet("h3"));
    }

    [Fact]
    public void Add_WhenFullAndSomeExpired_DropsTheExpiredAndCachesTheNewKey()
    {
        var cache = NewCache(capacity: 2);
        cache.Add("h1", Key("k1"), cache.Generation);
        _clock.Advance(TimeSpan.FromSeconds(30));
        cache.Add("h2", Key("k2"), cache.Generation);
        _clock.Advance(TimeSpan.FromSeconds(30));

        cache.Add("h3", Key("k3"), cache.Generation);

        Assert.Null(cache.TryGet("h1"));
        Assert.Equal("k2", cache.TryGet("h2")?.Id);
        Assert.Equal("k3", cache.TryGet("h3")?.Id);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Add_WithZeroLifetime_CachesNothing()
    {
        var cache = NewCache(lifetime: TimeSpan.Zero);

        cache.Add("h1", Key("k1"), cache.Generation);

        Assert.Null(cache.TryGet("h1"));
        Assert.Equal(0, cache.Count);
    }

    private ApiKeyCache NewCache(int capacity = 16, TimeSpan? lifetime = null) =>
        new(_clock, Options.Create(new AuthOptions { KeyCacheCapacity = capacity, KeyCacheLifetime = lifetime ?? TimeSpan.FromMinutes(1) }));

    private ApiKeyRecord Key(string id) => new(id, id, ["admin"], "00", _clock.GetUtcNow());
}
