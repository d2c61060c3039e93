using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The API key cache through real silos: two hosts on one database stand for two silos, so a key revoked on the
/// other silo is exactly what this silo's cache cannot see until its entry expires.
/// </summary>
public sealed class ApiKeyCacheHostTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Verify_KeyRevokedByAnotherSilo_WorksFromCacheUntilLifetimeThenIs401(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        var storage = await TestDatabases.CreateAsync(provider, "keycache");
        await using var silo = new ApiTestHost(storage, clock);
        await using var otherSilo = new ApiTestHost(storage, clock);
        var created = await CreateKeyAsync(silo);
        var client = silo.WithKey(created.Key);
        var first = await client.GetAsync("/api/keys");

        var revoke = await otherSilo.Admin().DeleteAsync($"/api/keys/{created.Id}");
        var cachedRightAfter = await client.GetAsync("/api/keys");
        clock.Advance(TimeSpan.FromSeconds(59));
        var cachedJustBeforeExpiry = await client.GetAsync("/api/keys");
        clock.Advance(TimeSpan.FromSeconds(1));
        var reread = await client.GetAsync("/api/keys");
        var onOtherSilo = await otherSilo.WithKey(created.Key).GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cachedRightAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cachedJustBeforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reread.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onOtherSilo.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Revoke_CachedKeyOnThisSilo_NextRequestIs401(string provider)
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await ApiTestHost.StartAsync(provider, clock);
        var created = await CreateKeyAsync(silo);
        var client = silo.WithKey(created.Key);
        var warmed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            warmed.Add((await client.GetAsync("/api/keys")).StatusCode);
        }

        var revoke = await silo.Admin().DeleteAsync($"/api/keys/{created.Id}");
        var after = await client.GetAsync("/api/keys");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], warmed);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Verify_FloodOfWrongKeysOnAFullCache_KeepsTheGoodKeyCached()
    {
        var clock = new ManualTimeProvider(Start);
        var storage = TestDatabases.Sqlite("keycache");
        var settings = new Dictionary<string, string?> { ["OrderActors:Auth:KeyCacheCapacity"] = "2" };
        await using var silo = new ApiTestHost(storage, clock, settings);
        await using var otherSilo = new ApiTestHost(storage, clock, settings);
        var created = await CreateKeyAsync(silo);
        var client = silo.WithKey(created.Key);
        var first = await client.GetAsync("/api/keys");
        var admin = await silo.Admin().GetAsync("/api/keys");

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            wrong.Add((await silo.WithKey($"oa_{created.Id}_wrong{i}").GetAsync("/api/keys")).StatusCode);
            wrong.Add((await silo.WithKey($"unknown-key-{i}").GetAsync("/api/keys")).StatusCode);
        }

        await otherSilo.Admin().DeleteAsync($"/api/keys/{created.Id}");
        var stillCached = await client.GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.All(wrong, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, stillCached.StatusCode);
    }

    private static async Task<ApiKeyCreated> CreateKeyAsync(ApiTestHost host)
    {
        var response = await host.Admin().PostAsJsonAsync("/api/keys", new CreateApiKeyRequest("ops", [ApiRoles.Admin]));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
    }
}
