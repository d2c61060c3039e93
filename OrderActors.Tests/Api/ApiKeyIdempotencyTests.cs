using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// <c>POST /api/keys</c> with an <c>Idempotency-Key</c>, as order creation takes it. It was ignored: a retry after a
/// timed-out request created a second key, and the operator, who never saw the first answer, was left with a key nobody
/// holds and could not tell from the list which one to revoke. The retry now gets the first answer, the key included.
/// </summary>
public sealed class ApiKeyIdempotencyTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateKey_RetriedWithTheSameIdempotencyKey_AnswersTheSameWorkingKeyAndCreatesOne(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var request = new CreateApiKeyRequest("packing station 3", [ApiRoles.Warehouse]);

        var first = await admin.PostWithKeyAsync("/api/keys", request, "keys-retry-1");
        var retried = await admin.PostWithKeyAsync("/api/keys", request, "keys-retry-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retried.StatusCode));
        var created = (await first.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        var again = (await retried.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        Assert.Equal((created.Id, created.Key, created.CreatedAt), (again.Id, again.Key, again.CreatedAt));
        Assert.Equal(first.Headers.Location, retried.Headers.Location);
        var listed = (await admin.GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!;
        Assert.Equal([created.Id], listed.Where(k => k.Name == "packing station 3").Select(k => k.Id));
        Assert.Equal(HttpStatusCode.OK, (await host.WithKey(created.Key).GetAsync("/api/rules")).StatusCode);
    }

    [Fact]
    public async Task CreateKey_SameIdempotencyKeyWithAnotherBody_Is400NamingTheHeaderAndCreatesNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        (await admin.PostWithKeyAsync("/api/keys", new CreateApiKeyRequest("erp sync", [ApiRoles.Integration]), "keys-reuse-1")).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync("/api/keys");

        var reused = await admin.PostWithKeyAsync("/api/keys", new CreateApiKeyRequest("erp sync", [ApiRoles.Admin]), "keys-reuse-1");

        await ProblemAssert.IsAsync(reused, HttpStatusCode.BadRequest, "request.idempotency_key_reused", "Idempotency-Key");
        Assert.Equal(before, await admin.GetStringAsync("/api/keys"));
    }

    [Fact]
    public async Task CreateKey_WithIdempotencyKey_StoresAReplayRecordThatHoldsNeitherThePlainKeyNorTheHeader()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        const string header = "keys-secret-check-7c1e";

        var response = await host.Admin().PostWithKeyAsync("/api/keys", new CreateApiKeyRequest("report bot", [ApiRoles.Finance]), header);

        var created = (await response.Content.ReadFromJsonAsync<ApiKeyCreated>())!;
        var records = await host.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(IdempotencyStore.Collection, null, 10, CancellationToken.None);
        var record = Assert.Single(records);
        Assert.DoesNotContain(header, record.Key, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, record.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key.Split('_')[^1], record.Data, StringComparison.Ordinal);
    }
}
