using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A partial refund on the channel (Shopify's <c>financial_status: partially_refunded</c>) was not read: the warehouse
/// shipped every line although the buyer had been refunded for some. Before shipping the order now goes on a hold a person
/// releases (having decided which lines still go); after shipping it is only recorded.
/// </summary>
public sealed class ChannelPartialRefundTests
{
    private const string PartiallyRefunded = "partially_refunded";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyPartiallyRefunded_BeforeShipping_HoldsTheOrderUntilAPersonReleasesIt(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PR-1", 5);
        await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9201, sku: "SKU-PR-1"));

        var refund = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9201, sku: "SKU-PR-1", financialStatus: PartiallyRefunded));
        var again = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9201, sku: "SKU-PR-1", financialStatus: PartiallyRefunded));
        var allocate = await admin.PostAsJsonAsync("/api/orders/shopify-9201/allocate", new AllocateRequest());

        Assert.Equal(new WebhookAccepted("shopify-9201", Duplicate: false), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("shopify-9201", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await ProblemAssert.IsAsync(allocate, HttpStatusCode.Conflict, "order.on_hold", null);
        var order = await admin.GetOrderAsync("shopify-9201");
        Assert.Equal("Paid", order.Status);
        var hold = Assert.Single(order.Holds);
        Assert.Equal("partially_refunded_on_channel", hold.Code);
        Assert.StartsWith("partially refunded on the channel", hold.Detail, StringComparison.Ordinal);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/shopify-9201/history"))!;
        Assert.Single(history, h => h.Type == "order.partially_refunded_on_channel");

        (await admin.PostAsJsonAsync("/api/orders/shopify-9201/holds/partially_refunded_on_channel/release", new ReasonRequest("one line cancelled by hand"))).EnsureSuccessStatusCode();
        var afterRelease = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9201, sku: "SKU-PR-1", financialStatus: PartiallyRefunded));
        (await admin.PostAsJsonAsync("/api/orders/shopify-9201/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        Assert.Equal(new WebhookAccepted("shopify-9201", Duplicate: true), await afterRelease.Content.ReadFromJsonAsync<WebhookAccepted>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyPartiallyRefunded_AfterShipping_IsOnlyRecorded(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PR-2", 5);
        await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9202, sku: "SKU-PR-2"));
        await admin.AllocateAndPackAsync("shopify-9202");
        (await admin.PostAsJsonAsync("/api/orders/shopify-9202/ship", new ShipRequest("SF", "SF9202"))).EnsureSuccessStatusCode();

        var refund = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9202, sku: "SKU-PR-2", financialStatus: PartiallyRefunded));
        var again = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9202, sku: "SKU-PR-2", financialStatus: PartiallyRefunded));

        Assert.Equal(new WebhookAccepted("shopify-9202", Duplicate: false), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("shopify-9202", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("shopify-9202");
        Assert.Equal("Shipped", order.Status);
        Assert.Empty(order.Holds);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/shopify-9202/history"))!;
        var recorded = Assert.Single(history, h => h.Type == "order.partially_refunded_on_channel");
        Assert.Equal((null, "partially refunded on the channel"), (recorded.ToStatus, recorded.Reason));
    }

    /// <summary>The order's first delivery already says so (the create webhook was lost): placed paid, and held.</summary>
    [Fact]
    public async Task ShopifyPartiallyRefunded_FirstDelivery_PlacesThePaidOrderOnHold()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PR-3", 5);

        var first = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9203, sku: "SKU-PR-3", financialStatus: PartiallyRefunded));

        Assert.Equal(new WebhookAccepted("shopify-9203", Duplicate: false), await first.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("shopify-9203");
        Assert.Equal(("Paid", "partially_refunded_on_channel"), (order.Status, Assert.Single(order.Holds).Code));
    }
}
