using System.Net.Http.Json;
using OrderActors.Api.Subscriptions;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class SubscriptionHealthTests
{
    /// <summary>
    /// A subscriber that keeps failing (a channel's waybill write-back, say) must be visible without reading every
    /// delivery: the subscription shows how many deliveries wait and how many were given up, and the last one given up.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Subscription_DeliveryGivenUp_ShowsPendingThenFailedWithTheLastFailure(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var subscriber = new LoopbackSubscriber(failures: 1000);
        var settings = new Dictionary<string, string?>(OutboundWebhookTests.FastOutbox) { ["OrderActors:Outbox:MaxAttempts"] = "2" };
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync(provider, "outbox"), clock, settings);
        var admin = host.Admin();
        var subscription = (await (await admin.PostAsJsonAsync("/api/subscriptions", new CreateSubscriptionRequest(subscriber.Url, ["stock.received"], OutboundWebhookTests.Secret))).Content.ReadFromJsonAsync<SubscriptionView>())!;
        await admin.ReceiveStockAsync("SKU-DOWN", 2);

        await OutboundWebhookTests.NextAttemptAsync(subscriber, clock);
        var retrying = await OutboundWebhookTests.WaitForAttemptsAsync(admin, subscription.Id, 1);
        var whileRetrying = (await admin.GetFromJsonAsync<SubscriptionView>($"/api/subscriptions/{subscription.Id}"))!;
        await OutboundWebhookTests.NextAttemptAsync(subscriber, clock);
        var givenUp = await OutboundWebhookTests.WaitForAttemptsAsync(admin, subscription.Id, 2);
        var listed = await WaitForListedAsync(admin, s => s.Pending == 0);

        Assert.Equal(DeliveryStatus.Pending, retrying.Status);
        Assert.Equal((1, 0, null), (whileRetrying.Pending, whileRetrying.Failed, whileRetrying.LastFailure));
        Assert.Equal(DeliveryStatus.Failed, givenUp.Status);
        Assert.Equal((0, 1), (listed.Pending, listed.Failed));
        Assert.Equal((givenUp.Id, "stock.received", "HTTP 500 Internal Server Error"), (listed.LastFailure!.DeliveryId, listed.LastFailure.EventType, listed.LastFailure.Error));
        Assert.Equal(givenUp.AttemptLog[^1].At, listed.LastFailure.At);
    }

    /// <summary>Waits until the only subscription, as listed, satisfies <paramref name="done"/> (its work-list entry goes after its record).</summary>
    private static async Task<SubscriptionView> WaitForListedAsync(HttpClient client, Func<SubscriptionView, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var listed = Assert.Single((await client.GetFromJsonAsync<List<SubscriptionView>>("/api/subscriptions"))!);
            if (done(listed) || DateTimeOffset.UtcNow > deadline)
            {
                return listed;
            }

            await Task.Yield();
        }
    }
}
