using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Api.Housekeeping;
using OrderActors.Api.Orders;
using OrderActors.Api.Webhooks;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>Webhook delivery records and Idempotency-Key records leave storage past their age; newer ones stay.</summary>
public sealed class DocumentRetentionTests
{
    // Only the test's own passes: the background one runs at start, then 30 days later. Ages of hours, not the
    // defaults' days: each move of the manual clock fires every periodic timer up to 1,000 times, and a move by days
    // made this test take a minute on SQLite.
    private static readonly Dictionary<string, string?> ShortAgesOnlyExplicitPasses = new()
    {
        ["OrderActors:Retention:Interval"] = "30.00:00:00",
        ["OrderActors:Retention:IdempotencyKeys"] = "01:00:00",
        ["OrderActors:Retention:WebhookDeliveries"] = "03:00:00",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunOnce_RecordsPastTheirAge_AreRemovedAndARedeliveryStillCreatesNoSecondOrder(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync(provider, clock, ShortAgesOnlyExplicitPasses);
        var admin = host.Admin();
        var retention = host.Services.GetRequiredService<DocumentRetention>();
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        await PeriodicPasses.WaitIdleAsync(retention);
        await admin.ReceiveStockAsync("SKU-SH", 10);
        await admin.ReceiveStockAsync("SKU-1", 10);
        var old = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4001), deliveryId: "wh-old");
        var oldCheckout = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("RET-1"), "key-old");

        clock.Advance(TimeSpan.FromHours(2));
        var afterTwoHours = await retention.RunOnceAsync(CancellationToken.None);
        var deliveriesAfterTwoHours = await KeysAsync(documents, WebhookEndpoints.DeliveriesCollection);
        var keysAfterTwoHours = await KeysAsync(documents, IdempotencyStore.Collection);

        clock.Advance(TimeSpan.FromHours(2));
        var recentCheckout = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("RET-2"), "key-recent");
        var recent = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4002), deliveryId: "wh-recent");
        var afterFourHours = await retention.RunOnceAsync(CancellationToken.None);
        var deliveriesAfterFourHours = await KeysAsync(documents, WebhookEndpoints.DeliveriesCollection);
        var keysAfterFourHours = await KeysAsync(documents, IdempotencyStore.Collection);
        var redelivered = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4001), deliveryId: "wh-old");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK], new[] { old.StatusCode, oldCheckout.StatusCode, recentCheckout.StatusCode, recent.StatusCode });
        // Two hours on: the idempotency key is past its hour, the delivery id not past its three.
        Assert.Equal(1, afterTwoHours);
        Assert.Equal(["shopify:wh-old"], deliveriesAfterTwoHours);
        Assert.Empty(keysAfterTwoHours);
        // Four hours on: the old delivery id goes; what was written just now stays.
        Assert.Equal(1, afterFourHours);
        Assert.Equal(["shopify:wh-recent"], deliveriesAfterFourHours);
        Assert.Single(keysAfterFourHours, k => k.EndsWith(":key-recent", StringComparison.Ordinal));
        // The redelivery is answered by the grain as the known order it is, and recorded again.
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.True((await redelivered.Content.ReadFromJsonAsync<WebhookAccepted>())!.Duplicate);
        Assert.Equal(2, (await admin.ListOrdersAsync("channel=shopify")).Items.Count);
        Assert.Equal(["shopify:wh-old", "shopify:wh-recent"], await KeysAsync(documents, WebhookEndpoints.DeliveriesCollection));
    }

    [Fact]
    public void Defaults_KeepDeliveryIdsAWeekAndIdempotencyKeysADay_PassingHourly()
    {
        var defaults = new RetentionOptions();

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(1)), (defaults.WebhookDeliveries, defaults.IdempotencyKeys, defaults.Interval));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("31.00:00:00")]
    public async Task Start_IntervalOutOfRange_FailsNamingTheSetting(string interval)
    {
        var settings = new Dictionary<string, string?> { ["OrderActors:Retention:Interval"] = interval };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ApiTestHost.StartAsync("sqlite", settings: settings));

        Assert.Contains("OrderActors:Retention", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeysAsync(IDocumentStore documents, string collection) =>
        [.. (await documents.ListDocumentsAsync(collection, null, 100, CancellationToken.None)).Select(d => d.Key)];
}
