using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Api.Subscriptions;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A new subscription gets every event stored after it, even when the write that fences the dispatcher's skip to the
/// feed head (the cursor rewritten after the subscription is stored) never happens.
/// </summary>
public sealed class OutboxSubscriptionStartTests
{
    private static readonly Dictionary<string, string?> SlowOutbox = new()
    {
        // The host's own dispatcher waits for the clock, which this test does not move: the passes here are the test's.
        ["OrderActors:Outbox:PollInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Dispatcher_OnlySubscriptionStoredAfterItListedNoneAndItsCursorRewriteLost_GetsTheEventsAfterIt()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "outbox"), clock, SlowOutbox);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-BEFORE", 3);
        await PeriodicPasses.WaitIdleAsync(host.Services.GetRequiredService<OutboxDispatcher>());
        var documents = new HookedDocumentStore(host.Services.GetRequiredService<IDocumentStore>());
        var outbox = new OutboxStore(documents);
        var dispatcher = new OutboxDispatcher(
            outbox,
            host.Services.GetRequiredService<IGrainStorage>(),
            host.Services.GetRequiredService<IHttpClientFactory>(),
            clock,
            host.Services.GetRequiredService<IOptions<OutboxOptions>>(),
            host.Services.GetRequiredService<ILogger<OutboxDispatcher>>());
        await dispatcher.RunOnceAsync(CancellationToken.None);
        var before = await outbox.GetCursorAsync(CancellationToken.None);
        SubscriptionRecord? subscription = null;

        // Between the dispatcher finding no subscription and its skip to the feed head: a subscription is stored and its
        // cursor rewrite is lost (a crash, or a failed write, after the store), then an event comes.
        documents.AfterNextEmptyListOf(OutboxStore.Subscriptions, async () =>
        {
            documents.FailNextPutOf(OutboxStore.State);
            await Assert.ThrowsAsync<StorageWriteException>(() =>
                outbox.CreateSubscriptionAsync("sub-1", "http://127.0.0.1:9/hook", ["stock.received"], "subscriber-secret-0123456789", clock.GetUtcNow(), CancellationToken.None));
            subscription = await outbox.GetSubscriptionAsync("sub-1", CancellationToken.None);
            await admin.ReceiveStockAsync("SKU-AFTER", 4);
        });
        await dispatcher.RunOnceAsync(CancellationToken.None);
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.True(before.Position > 0);
        Assert.Equal(before.Position, subscription?.StartPosition);
        var deliveries = (await admin.GetFromJsonAsync<List<DeliveryView>>("/api/subscriptions/sub-1/deliveries"))!;
        var delivered = Assert.Single(deliveries);
        Assert.Equal("stock.received", delivered.EventType);
        var afterEvent = (await host.Services.GetRequiredService<IGrainStorage>().ReadFeedAsync(delivered.Position - 1, 1, CancellationToken.None)).Single();
        Assert.Equal("SKU-AFTER", afterEvent.GrainId.Key);
        await dispatcher.StopAsync(CancellationToken.None);
    }
}
