using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// <c>POST /api/subscriptions</c> with an <c>Idempotency-Key</c>. A crash after the subscription is stored and before its
/// answer leaves the key's claim incomplete; two minutes on, the client's retry takes the claim over and runs the create
/// again. It added a second subscription, so every event went to the subscriber twice, under two delivery ids.
/// </summary>
public sealed class SubscriptionIdempotencyTests
{
    private const string Secret = "subscriber-secret-0123456789";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateSubscription_RetriedAfterACrashLostItsAnswer_KeepsOneSubscription(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync(provider, clock);
        var admin = host.Admin();
        var request = new CreateSubscriptionRequest("http://127.0.0.1:9/hook", ["order.*"], Secret);
        var first = await admin.PostWithKeyAsync("/api/subscriptions", request, "sub-key-1");
        await LoseTheAnswerAsync(host.Services.GetRequiredService<IDocumentStore>());
        clock.Advance(IdempotencyStore.StaleClaim + TimeSpan.FromSeconds(1));

        var retried = await admin.PostWithKeyAsync("/api/subscriptions", request, "sub-key-1");
        var replayed = await admin.PostWithKeyAsync("/api/subscriptions", request, "sub-key-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retried.StatusCode, replayed.StatusCode));
        var id = (await first.Content.ReadFromJsonAsync<SubscriptionView>())!.Id;
        Assert.Equal(id, (await retried.Content.ReadFromJsonAsync<SubscriptionView>())!.Id);
        Assert.Equal(id, (await replayed.Content.ReadFromJsonAsync<SubscriptionView>())!.Id);
        Assert.Equal([id], (await admin.GetFromJsonAsync<List<SubscriptionView>>("/api/subscriptions"))!.Select(s => s.Id));
    }

    [Fact]
    public async Task CreateSubscription_KeyOfALostAnswerRetriedWithAnotherUrl_Is400AndAddsNothing()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync("sqlite", clock);
        var admin = host.Admin();
        var first = await admin.PostWithKeyAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/hook", ["order.*"], Secret), "sub-key-2");
        await LoseTheAnswerAsync(host.Services.GetRequiredService<IDocumentStore>());
        clock.Advance(IdempotencyStore.StaleClaim + TimeSpan.FromSeconds(1));

        var other = await admin.PostWithKeyAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/other", ["order.*"], Secret), "sub-key-2");
        var unkeyed = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest("http://127.0.0.1:9/other", ["order.*"], Secret));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("request.idempotency_key_reused", (await other.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.Created, unkeyed.StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<List<SubscriptionView>>("/api/subscriptions"))!.Count);
    }

    /// <summary>What a crash between storing the subscription and completing the key's record leaves: the claim, incomplete.</summary>
    internal static async Task LoseTheAnswerAsync(IDocumentStore documents)
    {
        if ((await documents.ListDocumentsAsync(IdempotencyStore.Collection, null, 10, CancellationToken.None)).SingleOrDefault() is not { } record)
        {
            return; // no claim was made: nothing to lose
        }

        var claim = JsonNode.Parse(record.Data)!.AsObject();
        claim["completed"] = false;
        claim["body"] = null;
        claim["location"] = null;
        Assert.NotNull(await documents.TryPutDocumentAsync(record.Collection, record.Key, claim.ToJsonString(), record.Version, CancellationToken.None));
    }
}
