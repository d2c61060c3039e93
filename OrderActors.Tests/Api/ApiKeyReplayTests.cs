using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Auth;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// What a retried <c>POST /api/keys</c> answers when the first attempt's key and its replay record did not both get
/// stored, or the key was revoked since: never a second key, and never the secret of a key that does not work.
/// </summary>
public sealed class ApiKeyReplayTests
{
    private const string Header = "keys-crash-1";

    private static readonly CreateApiKeyRequest Request = new("label printer", [ApiRoles.Warehouse]);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateKey_RetriedAfterACrashBetweenTheKeyAndItsReplayRecord_AnswersTheKeyItMadeAndMakesNoSecond(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await StartHookedAsync(provider, clock);
        var admin = host.Admin();
        // The claim is written, then the key; the write that completes the record is lost, as a crash there loses it.
        Documents(host).FailNextPutOf(IdempotencyStore.Collection, after: 1);
        var crashed = await admin.PostWithKeyAsync("/api/keys", Request, Header);
        clock.Advance(IdempotencyStore.StaleClaim + TimeSpan.FromSeconds(1));

        var retried = await admin.PostWithKeyAsync("/api/keys", Request, Header);
        var replayed = await admin.PostWithKeyAsync("/api/keys", Request, Header);

        Assert.False(crashed.IsSuccessStatusCode);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (retried.StatusCode, replayed.StatusCode));
        var key = (await retried.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        var again = (await replayed.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        Assert.Equal((key.Id, key.Key), (again.Id, again.Key));
        Assert.Equal([key.Id], (await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!.Where(k => k.Name == Request.Name).Select(k => k.Id));
        Assert.Equal(HttpStatusCode.OK, (await host.WithKey(key.Key).GetAsync("/api/rules")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateKey_RetriedAfterACrashBeforeTheKeyWasStored_Is409KeysRevokedAndMakesNoKey(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await StartHookedAsync(provider, clock);
        var admin = host.Admin();
        // The claim is written and nothing after it: the key's write and the claim's release both fail.
        Documents(host).FailNextPutOf(ApiKeyStore.Collection);
        Documents(host).FailNextDeleteOf(IdempotencyStore.Collection);
        var crashed = await admin.PostWithKeyAsync("/api/keys", Request, Header);
        clock.Advance(IdempotencyStore.StaleClaim + TimeSpan.FromSeconds(1));

        var retried = await admin.PostWithKeyAsync("/api/keys", Request, Header);

        Assert.False(crashed.IsSuccessStatusCode);
        var problem = await ProblemAssert.IsAsync(retried, HttpStatusCode.Conflict, "keys.revoked", "Idempotency-Key");
        Assert.False(problem.TryGetProperty("key", out _));
        Assert.DoesNotContain(Request.Name, (await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!.Select(k => k.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateKey_ReplayedAfterTheKeyWasRevoked_Is409KeysRevokedWithoutTheKey(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var first = await admin.PostWithKeyAsync("/api/keys", Request, "keys-revoked-1");
        var created = (await first.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{created.Id}")).StatusCode);

        var replayed = await admin.PostWithKeyAsync("/api/keys", Request, "keys-revoked-1");

        var problem = await ProblemAssert.IsAsync(replayed, HttpStatusCode.Conflict, "keys.revoked", "Idempotency-Key");
        Assert.Contains(created.Id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key.Split('_')[^1], problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Id, (await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!.Select(k => k.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.WithKey(created.Key).GetAsync("/api/rules")).StatusCode);
    }

    private static async Task<ApiTestHost> StartHookedAsync(string provider, ManualTimeProvider clock)
    {
        var host = new ApiTestHost(
            await TestDatabases.CreateAsync(provider, "api"),
            clock,
            services: services => services.AddSingleton<IDocumentStore>(sp => new HookedDocumentStore(sp.GetRequiredService<IStorageProvider>())));
        _ = host.Server;
        return host;
    }

    private static HookedDocumentStore Documents(ApiTestHost host) => (HookedDocumentStore)host.Services.GetRequiredService<IDocumentStore>();
}
