using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A buyer's cancellation on the marketplace after the order moved on in the warehouse (lifecycle probe): it must reach the
/// goods, not be answered 409 (retried by the marketplace while the order ships) or 200 with nothing changed (split).
/// </summary>
public sealed class ChannelCancellationTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    private const string Closed = "TRADE_CLOSED_BY_TAOBAO";

    private ApiTestHost Host => shared.Host;

    [Fact]
    public async Task TaobaoClosed_AfterPacked_InterceptsOrderAndReleasesItsStock()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-CC-PACK", 5);
        var payload = ChannelPayloads.Taobao(tid: "7001", sku: "SKU-CC-PACK", num: 1);
        await Host.PostWebhookAsync("taobao", payload);
        await admin.AllocateAndPackAsync("taobao-7001");

        var cancel = await Host.PostWebhookAsync("taobao", Closing(payload));
        var ship = await admin.PostAsJsonAsync("/api/orders/taobao-7001/ship", new ShipRequest("SF", "SF7001"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(new WebhookAccepted("taobao-7001", Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("taobao-7001");
        Assert.Equal("Cancelled", order.Status);
        Assert.Equal("refund requested: cancelled on the channel", order.CancelReason);
        Assert.Equal(HttpStatusCode.Conflict, ship.StatusCode);
        await admin.AssertStockAsync("SKU-CC-PACK", (5, 0, 0, 5));
        await admin.AssertLedgerCleanAsync();
    }

    [Fact]
    public async Task TaobaoClosed_AfterSplit_CancelsEveryPartAndReleasesTheirStock()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-CC-S1", 5, "SZ");
        await admin.ReceiveStockAsync("SKU-CC-S2", 5, "HZ");
        var payload = ChannelPayloads.Taobao(tid: "7002", sku: "SKU-CC-S1", num: 1).Replace(
            "}]}",
            """}, {"oid": "2", "outer_sku_id": "SKU-CC-S2", "num": 2, "price": "99.50"}]}""",
            StringComparison.Ordinal).Replace("\"payment\": \"199.00\"", "\"payment\": \"298.50\"", StringComparison.Ordinal);
        await Host.PostWebhookAsync("taobao", payload);
        (await admin.PostAsJsonAsync("/api/orders/taobao-7002/split", new ReasonRequest("two warehouses"))).EnsureSuccessStatusCode();

        var cancel = await Host.PostWebhookAsync("taobao", Closing(payload));

        Assert.Equal(new WebhookAccepted("taobao-7002", Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        var parent = await admin.GetOrderAsync("taobao-7002");
        Assert.Equal(2, parent.ChildOrderIds.Count);
        foreach (var part in parent.ChildOrderIds)
        {
            var view = await admin.GetOrderAsync(part);
            Assert.Equal(("Cancelled", "cancelled on the channel"), (view.Status, view.CancelReason));
        }

        foreach (var sku in new[] { "SKU-CC-S1", "SKU-CC-S2" })
        {
            await admin.AssertStockAsync(sku, (5, 0, 0, 5));
        }

        await admin.AssertLedgerCleanAsync();
    }

    [Fact]
    public async Task TaobaoClosed_AfterShipped_OpensReturnAndRedeliveryChangesNothing()
    {
        var admin = Host.Admin();
        await admin.ReceiveStockAsync("SKU-CC-SHIP", 5);
        var payload = ChannelPayloads.Taobao(tid: "7003", sku: "SKU-CC-SHIP", num: 1);
        await Host.PostWebhookAsync("taobao", payload);
        await admin.AllocateAndPackAsync("taobao-7003");
        (await admin.PostAsJsonAsync("/api/orders/taobao-7003/ship", new ShipRequest("SF", "SF7003"))).EnsureSuccessStatusCode();

        var first = await Host.PostWebhookAsync("taobao", Closing(payload), deliveryId: "cc-ship-cancel");
        var afterFirst = await admin.GetOrderAsync("taobao-7003");
        var again = await Host.PostWebhookAsync("taobao", Closing(payload), deliveryId: "cc-ship-cancel-again");

        Assert.Equal(new WebhookAccepted("taobao-7003", Duplicate: false), await first.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(("ReturnRequested", "cancelled on the channel"), (afterFirst.Status, afterFirst.ReturnReason));
        Assert.Equal(new WebhookAccepted("taobao-7003", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(afterFirst.Version, (await admin.GetOrderAsync("taobao-7003")).Version);
    }

    /// <summary>The same trade as Taobao sends it once closed (the buyer cancelled, the platform refunded).</summary>
    private static string Closing(string payload) => payload.Replace("WAIT_SELLER_SEND_GOODS", Closed, StringComparison.Ordinal);
}
