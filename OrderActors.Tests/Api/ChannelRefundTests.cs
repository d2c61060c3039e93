using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A full refund on the channel without a cancellation (Shopify's <c>financial_status: refunded</c>): the order was left
/// Paid and went on to ship goods the buyer had been refunded for. It now stops what has not shipped, and changes nothing
/// once shipped (goods that come back are received as a return; a goodwill refund brings none back).
/// </summary>
public sealed class ChannelRefundTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    private ApiTestHost Host => shared.Host;

    [Fact]
    public async Task ShopifyRefunded_BeforeShipping_CancelsTheOrderAndReleasesItsStock()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-RF-1", 5);
        await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9101, sku: "SKU-RF-1", quantity: 2));
        Assert.Equal("Paid", (await admin.GetOrderAsync("shopify-9101")).Status);

        var refund = await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9101, sku: "SKU-RF-1", quantity: 2, financialStatus: "refunded"));
        var again = await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9101, sku: "SKU-RF-1", quantity: 2, financialStatus: "refunded"));

        Assert.Equal(new WebhookAccepted("shopify-9101", Duplicate: false), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("shopify-9101", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("shopify-9101");
        Assert.Equal(("Cancelled", "refunded on the channel"), (order.Status, order.CancelReason));
        await admin.AssertStockAsync("SKU-RF-1", (5, 0, 0, 5));
        await admin.AssertLedgerCleanAsync();
    }

    [Fact]
    public async Task ShopifyRefunded_AfterShipping_LeavesTheOrderShipped()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-RF-2", 5);
        await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9102, sku: "SKU-RF-2"));
        await admin.AllocateAndPackAsync("shopify-9102");
        (await admin.PostAsJsonAsync("/api/orders/shopify-9102/ship", new ShipRequest("SF", "SF9102"))).EnsureSuccessStatusCode();

        var refund = await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9102, sku: "SKU-RF-2", financialStatus: "refunded"));

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(new WebhookAccepted("shopify-9102", Duplicate: true), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal("Shipped", (await admin.GetOrderAsync("shopify-9102")).Status);
    }

    [Fact]
    public async Task ShopifyRefunded_WhenPacked_InterceptsTheOrder()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-RF-3", 5);
        await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9103, sku: "SKU-RF-3"));
        await admin.AllocateAndPackAsync("shopify-9103");

        await Host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9103, sku: "SKU-RF-3", financialStatus: "refunded"));

        var order = await admin.GetOrderAsync("shopify-9103");
        Assert.Equal(("Cancelled", "refund requested: refunded on the channel"), (order.Status, order.CancelReason));
        await admin.AssertStockAsync("SKU-RF-3", (5, 0, 0, 5));
    }
}
