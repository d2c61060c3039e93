using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.Api.Events;
using OrderActors.Api.Subscriptions;
using OrderActors.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class OutboundWebhookTests
{
    internal const string Secret = "subscriber-secret-0123456789";

    internal static readonly Dictionary<string, string?> FastOutbox = new()
    {
        ["OrderActors:Outbox:PollInterval"] = "00:00:01",
        ["OrderActors:Outbox:BaseRetryDelay"] = "00:00:10",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Subscriber_FailingThreeTimesAcrossRestart_GetsSignedDeliveryOnFourthTry(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var subscriber = new LoopbackSubscriber(failures: 3);
        var storage = await TestDatabases.CreateAsync(provider, "outbox");
        var first = new ApiTestHost(storage, clock, FastOutbox);
        var admin = first.Admin();
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest(subscriber.Url, ["stock.received"], Secret));
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>())!;
        await admin.ReceiveStockAsync("SKU-OUT", 7);

        var attempts = new List<ReceivedDelivery>();
        for (var i = 0; i < 3; i++)
        {
            attempts.Add(await NextAttemptAsync(subscriber, clock));
        }

        await WaitForAttemptsAsync(admin, subscription.Id, 3);
        await first.DisposeAsync();
        await using var second = first.Restart();
        var afterRestart = second.Admin();
        attempts.Add(await NextAttemptAsync(subscriber, clock));
        var delivery = await WaitForAttemptsAsync(afterRestart, subscription.Id, 4);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a.AnsweredStatus));
        Assert.Single(attempts.Select(a => a.DeliveryId).Distinct());
        Assert.Equal(WebhookSignatures.SignHex(Encoding.UTF8.GetBytes(attempts[3].Body), Secret), attempts[3].Signature);
        Assert.Contains("\"eventType\":\"stock.received\"", attempts[3].Body, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal([500, 500, 500, 200], delivery.AttemptLog.Select(a => a.StatusCode ?? 0));
        Assert.Null(await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Dispatcher_NoSubscriptions_SkipsToTheFeedHeadAndALaterSubscriptionGetsOnlyNewEvents()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var subscriber = new LoopbackSubscriber(failures: 0);
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "outbox"), clock, FastOutbox);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-BEFORE", 3);
        var head = await WaitForDispatcherAtFeedHeadAsync(host, clock);

        var created = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest(subscriber.Url, ["stock.received"], Secret));
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>())!;
        await admin.ReceiveStockAsync("SKU-AFTER", 4);
        var delivery = await NextAttemptAsync(subscriber, clock);

        Assert.True(head > 0);
        Assert.Equal(head, subscription.StartPosition);
        Assert.Contains("SKU-AFTER", delivery.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("SKU-BEFORE", delivery.Body, StringComparison.Ordinal);
        Assert.Null(await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
    }

    /// <summary>
    /// A subscriber that never answers holds up neither another subscriber nor the passes: while its first attempt
    /// waits out its timeout, the next pass delivers a new event to the other subscriber, and the hanging one's next
    /// delivery waits (it is tried one at a time).
    /// </summary>
    [Fact]
    public async Task Dispatcher_OneEndpointNeverAnswers_TheNextPassStillDeliversToTheOthers()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var healthy = new LoopbackSubscriber(failures: 0);
        await using var silent = new SilentEndpoint();
        var settings = new Dictionary<string, string?>(FastOutbox) { ["OrderActors:Outbox:AttemptTimeout"] = "00:00:06" };
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "outbox"), clock, settings);
        var admin = host.Admin();
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        await WaitForDispatcherAtFeedHeadAsync(host, clock);
        var hanging = await SubscribeAsync(admin, silent.Url);
        await SubscribeAsync(admin, healthy.Url);

        await admin.ReceiveStockAsync("SKU-P1", 1);
        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(1));
        var first = await healthy.TryReceiveAsync(TimeSpan.FromSeconds(15));
        await admin.ReceiveStockAsync("SKU-P2", 1);
        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(1));
        var second = await healthy.TryReceiveAsync(TimeSpan.FromSeconds(15));
        var hangingMeanwhile = await DeliveriesAsync(admin, hanging.Id);
        await Eventually.WaitUntilAsync(async () => (await DeliveriesAsync(admin, hanging.Id)).Any(d => d.Attempts > 0), "the hanging attempt times out");
        await PeriodicPasses.WaitIdleAsync(dispatcher);
        var hangingAfter = await DeliveriesAsync(admin, hanging.Id);

        Assert.Contains("SKU-P1", first!.Body, StringComparison.Ordinal);
        Assert.Contains("SKU-P2", second!.Body, StringComparison.Ordinal);
        // The second event reached the healthy subscriber while the first attempt to the hanging one was still open.
        Assert.Equal([0, 0], hangingMeanwhile.Select(d => d.Attempts));
        Assert.Equal([1, 0], hangingAfter.Select(d => d.Attempts));
        Assert.Equal("timeout", hangingAfter[0].AttemptLog.Single().Error);
        Assert.All(hangingAfter, d => Assert.Equal("pending", d.Status));
    }

    /// <summary>A stop between an attempt's two writes leaves a delivered record still on the work list: not sent again.</summary>
    [Fact]
    public async Task Dispatcher_DeliveredRecordLeftOnTheWorkList_IsNotSentAgainAndLeavesTheList()
    {
        await using var o = await SubscribedOutbox.StartAsync(failures: 0);
        var (clock, subscriber, admin, dispatcher, outbox, subscription) = (o.Clock, o.Subscriber, o.Admin, o.Dispatcher, o.Outbox, o.Subscription);
        await o.ReceiveStockThenPassAsync("SKU-ONCE");
        var delivered = await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15));
        var record = await WaitForAttemptsAsync(admin, subscription.Id, 1);
        await PeriodicPasses.WaitIdleAsync(dispatcher);
        var leftOver = JsonSerializer.Serialize(new PendingDelivery(record.Id, clock.GetUtcNow()), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await o.Documents.TryPutDocumentAsync(OutboxStore.Pending, record.Id, leftOver, 0, CancellationToken.None);

        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(async () => (await outbox.ListPendingAsync(CancellationToken.None)).Count == 0, "the left-over entry leaves the work list");

        Assert.NotNull(delivered);
        Assert.Null(await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(500)));
        var after = await WaitForAttemptsAsync(admin, subscription.Id, 1);
        Assert.Equal(("delivered", 1), (after.Status, after.Attempts));
    }

    /// <summary>
    /// A stop between enqueueing's two writes, as a SIGKILL of the silo left it: the delivery's record is stored, its
    /// work-list entry is not, and the cursor has not moved. The event is read again after the restart and must still go
    /// (it stayed pending for ever, unsent: the record's write was the one skipped as "exists", and the entry with it).
    /// </summary>
    [Fact]
    public async Task Dispatcher_StopAfterTheRecordBeforeTheWorkListEntry_DeliversWhenTheFeedIsReadAgain()
    {
        await using var o = await SubscribedOutbox.StartAsync(failures: 0);
        var (cursor, _) = await o.Outbox.GetCursorAsync(CancellationToken.None);
        await o.Admin.ReceiveStockAsync("SKU-WINDOW", 1);
        var feed = await o.Host.Services.GetRequiredService<IGrainStorage>().ReadFeedAsync(cursor, 100, CancellationToken.None);
        var received = feed.Single(e => e.EventType == "stock.received");
        var id = OutboxStore.DeliveryId(o.Subscription.Id, received.Position);
        var record = new DeliveryRecord(id, o.Subscription.Id, received.Position, received.EventType,
            JsonSerializer.Serialize(FeedEvents.ToView(received), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            DeliveryStatus.Pending, [], o.Clock.GetUtcNow(), null);
        await o.Documents.TryPutDocumentAsync(OutboxStore.Deliveries, id, JsonSerializer.Serialize(record, new JsonSerializerOptions(JsonSerializerDefaults.Web)), 0, CancellationToken.None);

        await PeriodicPasses.RunOneAsync(o.Dispatcher, o.Clock, TimeSpan.FromSeconds(1));
        var delivered = await o.Subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15));

        Assert.NotNull(delivered);
        Assert.Equal(id, delivered.DeliveryId);
        Assert.Contains($"\"position\":{received.Position},", delivered.Body, StringComparison.Ordinal);
        var after = await WaitForAttemptsAsync(o.Admin, o.Subscription.Id, 1);
        Assert.Equal(("delivered", 1), (after.Status, after.Attempts));
        await Eventually.WaitUntilAsync(async () => (await o.Outbox.ListPendingAsync(CancellationToken.None)).Count == 0, "the delivery leaves the work list");
    }

    /// <summary>
    /// A delivery record that cannot be read is given up once, its text kept, and the subscription's next delivery
    /// still goes (before, reading it failed the subscription's sender on every pass and nothing after it was sent).
    /// </summary>
    [Fact]
    public async Task Dispatcher_UnreadableDeliveryRecord_IsMarkedFailedOnceAndTheNextDeliveryStillGoes()
    {
        await using var o = await SubscribedOutbox.StartAsync(failures: 2);
        var (clock, subscriber, admin, dispatcher, outbox, subscription) = (o.Clock, o.Subscriber, o.Admin, o.Dispatcher, o.Outbox, o.Subscription);
        await o.ReceiveStockThenPassAsync("SKU-U1", "SKU-U2");
        var refused = new[] { await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15)), await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15)) };
        await Eventually.WaitUntilAsync(async () => (await DeliveriesAsync(admin, subscription.Id)).All(d => d.Attempts == 1), "both first attempts are recorded");
        var before = await DeliveriesAsync(admin, subscription.Id);
        var damaged = before.Single(d => d.Position == before.Min(x => x.Position));
        var version = (await o.Documents.GetDocumentAsync(OutboxStore.Deliveries, damaged.Id, CancellationToken.None))!.Version;
        await o.Documents.TryPutDocumentAsync(OutboxStore.Deliveries, damaged.Id, "{\"id\": \"half a rec", version, CancellationToken.None);
        var listedDamaged = await DeliveriesAsync(admin, subscription.Id);

        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(20));
        var sent = await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15));
        await Eventually.WaitUntilAsync(async () => (await DeliveriesAsync(admin, subscription.Id)).All(d => d.Status != "pending"), "both deliveries are settled");
        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromMinutes(10));
        await PeriodicPasses.WaitIdleAsync(dispatcher);
        var after = await DeliveriesAsync(admin, subscription.Id);
        var kept = (await outbox.GetDeliveryAsync(damaged.Id, CancellationToken.None))!.Record;

        Assert.Equal([500, 500], refused.Select(r => r!.AnsweredStatus));
        Assert.Equal([1, 1], before.Select(d => d.Attempts));
        // Listed as what it will be kept as, not a 500 for the whole list.
        Assert.Equal([("failed", 1), ("pending", 1)], listedDamaged.Select(d => (d.Status, d.Attempts)));
        Assert.Contains("SKU-U2", sent!.Body, StringComparison.Ordinal);
        Assert.Equal(200, sent.AnsweredStatus);
        Assert.Null(await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal([("failed", 1), ("delivered", 2)], after.Select(d => (d.Status, d.Attempts)));
        Assert.StartsWith("delivery record unreadable:", after[0].AttemptLog.Single().Error, StringComparison.Ordinal);
        Assert.Equal((damaged.Id, subscription.Id, damaged.Position, "{\"id\": \"half a rec"), (kept!.Id, kept.SubscriptionId, kept.Position, kept.Payload));
        Assert.Empty(await outbox.ListPendingAsync(CancellationToken.None));
    }

    /// <summary>
    /// A work-list entry that cannot be read no longer stops every pass: it counts as due, the record (not yet due)
    /// gives it its time back, and the delivery goes when that time comes.
    /// </summary>
    [Fact]
    public async Task Dispatcher_UnreadableWorkListEntry_GetsTheRecordsTimeBackAndTheDeliveryGoesWhenDue()
    {
        await using var o = await SubscribedOutbox.StartAsync(failures: 1);
        var (clock, subscriber, admin, dispatcher, outbox, subscription) = (o.Clock, o.Subscriber, o.Admin, o.Dispatcher, o.Outbox, o.Subscription);
        await o.ReceiveStockThenPassAsync("SKU-W1");
        var refused = await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15));
        var record = await WaitForAttemptsAsync(admin, subscription.Id, 1);
        await PeriodicPasses.WaitIdleAsync(dispatcher);

        // The sender records the attempt, then stops: a pass while it still runs would skip the subscription, and no
        // other pass comes on the manual clock (1 run in 8-10 failed so on a loaded machine).
        await Eventually.WaitUntilAsync(() => Task.FromResult(dispatcher.SendersRunning == 0), "the first attempt's sender has stopped");
        var entry = (await o.Documents.GetDocumentAsync(OutboxStore.Pending, record.Id, CancellationToken.None))!;
        await o.Documents.TryPutDocumentAsync(OutboxStore.Pending, record.Id, "not json", entry.Version, CancellationToken.None);

        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(
            async () => (await outbox.ListPendingAsync(CancellationToken.None)) is [{ } e] && e.NextAttemptAt != DateTimeOffset.MinValue,
            "the work-list entry is readable again");
        var early = await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(300));
        var restored = await outbox.ListPendingAsync(CancellationToken.None);
        await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(10));
        var sent = await subscriber.TryReceiveAsync(TimeSpan.FromSeconds(15));
        var after = await WaitForAttemptsAsync(admin, subscription.Id, 2);

        Assert.Equal(500, refused!.AnsweredStatus);
        Assert.Null(early);
        Assert.Equal([new PendingDelivery(record.Id, record.NextAttemptAt!.Value)], restored);
        Assert.Equal(200, sent!.AnsweredStatus);
        Assert.Equal(("delivered", 2), (after.Status, after.Attempts));
    }

    [Fact]
    public async Task CreateSubscription_BadUrlAndShortSecret_Is400NamingBoth()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest("ftp://x", ["*"], "short"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.Equal(["secret", "url"], problem.Errors.Keys.Order());
    }

    /// <summary>A SQLite host on a manual clock whose dispatcher is at the feed head, with one subscriber to stock.received.</summary>
    private sealed class SubscribedOutbox : IAsyncDisposable
    {
        private SubscribedOutbox(ManualTimeProvider clock, LoopbackSubscriber subscriber, ApiTestHost host) =>
            (Clock, Subscriber, Host, Admin) = (clock, subscriber, host, host.Admin());

        public ManualTimeProvider Clock { get; }

        public LoopbackSubscriber Subscriber { get; }

        public ApiTestHost Host { get; }

        public HttpClient Admin { get; }

        public OutboxDispatcher Dispatcher => Host.Services.GetRequiredService<OutboxDispatcher>();

        public OutboxStore Outbox => Host.Services.GetRequiredService<OutboxStore>();

        public IDocumentStore Documents => Host.Services.GetRequiredService<IDocumentStore>();

        public SubscriptionView Subscription { get; private set; } = null!;

        /// <summary>The subscriber answers 500 to its first <paramref name="failures"/> deliveries.</summary>
        public static async Task<SubscribedOutbox> StartAsync(int failures)
        {
            var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
            var subscriber = new LoopbackSubscriber(failures);
            var outbox = new SubscribedOutbox(clock, subscriber, new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "outbox"), clock, FastOutbox));
            await WaitForDispatcherAtFeedHeadAsync(outbox.Host, clock);
            outbox.Subscription = await SubscribeAsync(outbox.Admin, subscriber.Url);
            return outbox;
        }

        /// <summary>Receives one unit of each SKU (a <c>stock.received</c> event each), then runs one dispatcher pass.</summary>
        public async Task ReceiveStockThenPassAsync(params string[] skus)
        {
            foreach (var sku in skus)
            {
                await Admin.ReceiveStockAsync(sku, 1);
            }

            await PeriodicPasses.RunOneAsync(Dispatcher, Clock, TimeSpan.FromSeconds(1));
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Subscriber.DisposeAsync();
        }
    }

    /// <summary>Runs the dispatcher's passes one at a time until its cursor is at the feed's head; it then waits for the clock.</summary>
    private static async Task<long> WaitForDispatcherAtFeedHeadAsync(ApiTestHost host, ManualTimeProvider clock)
    {
        var head = await host.Services.GetRequiredService<IGrainStorage>().GetFeedHeadAsync(CancellationToken.None);
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        for (var pass = 0; pass < 20; pass++)
        {
            await PeriodicPasses.WaitIdleAsync(dispatcher);
            if ((await outbox.GetCursorAsync(CancellationToken.None)).Position == head)
            {
                return head;
            }

            await PeriodicPasses.RunOneAsync(dispatcher, clock, TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException("The dispatcher did not skip its cursor to the feed head.");
    }

    private static async Task<SubscriptionView> SubscribeAsync(HttpClient admin, string url)
    {
        var created = await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest(url, ["stock.received"], Secret));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<SubscriptionView>())!;
    }

    private static async Task<List<DeliveryView>> DeliveriesAsync(HttpClient admin, string subscriptionId) =>
        (await admin.GetFromJsonAsync<List<DeliveryView>>($"/api/subscriptions/{subscriptionId}/deliveries"))!;

    /// <summary>Moves the manual clock a second at a time until the subscriber sees the next attempt (bounded).</summary>
    internal static async Task<ReceivedDelivery> NextAttemptAsync(LoopbackSubscriber subscriber, ManualTimeProvider clock)
    {
        for (var step = 0; step < 200; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            if (await subscriber.TryReceiveAsync(TimeSpan.FromMilliseconds(100)) is { } received)
            {
                return received;
            }
        }

        throw new TimeoutException("The subscriber saw no delivery attempt.");
    }

    /// <summary>Waits until the outbox has recorded <paramref name="count"/> attempts of the subscription's only delivery.</summary>
    internal static async Task<DeliveryView> WaitForAttemptsAsync(HttpClient client, string subscriptionId, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var deliveries = (await client.GetFromJsonAsync<List<DeliveryView>>($"/api/subscriptions/{subscriptionId}/deliveries"))!;
            if (deliveries is [{ } only] && only.Attempts >= count)
            {
                return only;
            }

            await Task.Yield();
        }

        throw new TimeoutException($"The outbox did not record {count} attempts.");
    }
}
