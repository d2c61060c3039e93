using System.Net;
using System.Net.Http.Json;
using System.Text;
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
    private const string Secret = "subscriber-secret-0123456789";

    private static readonly Dictionary<string, string?> FastOutbox = new()
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
    /// A subscriber that never answers holds up neither another subscriber's deliveries nor a whole pass: it is tried
    /// once a pass (its attempt times out), its other due deliveries wait for the next pass.
    /// </summary>
    [Fact]
    public async Task Dispatcher_OneEndpointNeverAnswers_OthersGetEveryDeliveryAndItIsTriedOnceAPass()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var healthy = new LoopbackSubscriber(failures: 0);
        await using var silent = new SilentEndpoint();
        var settings = new Dictionary<string, string?>(FastOutbox) { ["OrderActors:Outbox:AttemptTimeout"] = "00:00:01" };
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "outbox"), clock, settings);
        var admin = host.Admin();
        await WaitForDispatcherAtFeedHeadAsync(host, clock);
        var hanging = await SubscribeAsync(admin, silent.Url);
        await SubscribeAsync(admin, healthy.Url);
        for (var i = 0; i < 3; i++)
        {
            await admin.ReceiveStockAsync($"SKU-P{i}", 1);
        }

        clock.Advance(TimeSpan.FromSeconds(1)); // one pass, and no other: the clock does not move again
        var received = new List<ReceivedDelivery>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(await healthy.TryReceiveAsync(TimeSpan.FromSeconds(15)) ?? throw new TimeoutException("The healthy subscriber saw no delivery."));
        }

        await Eventually.WaitUntilAsync(async () => (await DeliveriesAsync(admin, hanging.Id)).Any(d => d.Attempts > 0), "the hanging subscriber is tried");
        // Three attempt timeouts: a dispatcher that tried the hanging subscriber's next delivery would have recorded it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var hangingDeliveries = await DeliveriesAsync(admin, hanging.Id);

        Assert.Equal(3, received.Select(r => r.DeliveryId).Distinct().Count());
        Assert.All(received, r => Assert.Equal(200, r.AnsweredStatus));
        Assert.Equal([1, 0, 0], hangingDeliveries.Select(d => d.Attempts).OrderDescending());
        Assert.Equal("timeout", hangingDeliveries.Single(d => d.Attempts == 1).AttemptLog.Single().Error);
        Assert.All(hangingDeliveries, d => Assert.Equal("pending", d.Status));
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

    /// <summary>Moves the clock until the dispatcher has passed the feed's head: its passes then wait for the clock.</summary>
    private static async Task<long> WaitForDispatcherAtFeedHeadAsync(ApiTestHost host, ManualTimeProvider clock)
    {
        var head = await host.Services.GetRequiredService<IGrainStorage>().GetFeedHeadAsync(CancellationToken.None);
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        await Eventually.WaitUntilAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return (await outbox.GetCursorAsync(CancellationToken.None)).Position == head;
            },
            "the dispatcher skips its cursor to the feed head");
        return head;
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
    private static async Task<ReceivedDelivery> NextAttemptAsync(LoopbackSubscriber subscriber, ManualTimeProvider clock)
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
    private static async Task<DeliveryView> WaitForAttemptsAsync(HttpClient client, string subscriptionId, int count)
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
