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
    // Only the test's own passes: the background one runs at start, then 30 days later.
    private static readonly Dictionary<string, string?> OnlyExplicitPasses = new() { ["OrderActors:Retention:Interval"] = "30.00:00:00" };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RunOnce_RecordsPastTheirAge_AreRemovedAndARedeliveryStillCreatesNoSecondOrder(string provider)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync(provider, clock, OnlyExplicitPasses);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-SH", 10);
        await admin.ReceiveStockAsync("SKU-1", 10);
        var old = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4001), deliveryId: "wh-old");
        var oldCheckout = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("RET-1"), "key-old");
        clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var recentCheckout = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("RET-2"), "key-recent");
        var recent = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4002), deliveryId: "wh-recent");

        var removed = await host.Services.GetRequiredService<DocumentRetention>().RunOnceAsync(CancellationToken.None);
        var redelivered = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 4001), deliveryId: "wh-old");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK], new[] { old.StatusCode, oldCheckout.StatusCode, recentCheckout.StatusCode, recent.StatusCode });
        Assert.Equal(2, removed);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        Assert.Equal(["shopify:wh-old", "shopify:wh-recent"], await KeysAsync(documents, WebhookEndpoints.DeliveriesCollection));
        Assert.Single(await KeysAsync(documents, IdempotencyStore.Collection), k => k.EndsWith(":key-recent", StringComparison.Ordinal));
        // Recorded again: the grain answered it as the known order it is.
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.True((await redelivered.Content.ReadFromJsonAsync<WebhookAccepted>())!.Duplicate);
        Assert.Equal(2, (await admin.ListOrdersAsync("channel=shopify")).Items.Count);
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
