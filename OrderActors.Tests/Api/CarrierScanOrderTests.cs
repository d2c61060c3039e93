using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using System.Text;

namespace OrderActors.Tests.Api;

/// <summary>Carrier scans that arrive out of order (lifecycle probe): the order shows them in the order they happened.</summary>
public sealed class CarrierScanOrderTests
{
    private const string CarrierSecret = "carrier-secret-0123456789abcdef";

    [Fact]
    public async Task CarrierCallbacks_DeliveryScanBeforeEarlierScans_OrderShowsScansByTheirTime()
    {
        await using var host = await StartWithCarrierAsync();
        var admin = host.Admin();
        await admin.ShippedOrderAsync("SCAN-1");

        var delivered = await PostCarrierAsync(host, """{"waybillNo": "SFSCAN-1", "events": [{"status": "delivered", "at": "2026-11-23T10:00:00Z"}]}""");
        var earlier = await PostCarrierAsync(host, """
            {"waybillNo": "SFSCAN-1", "events": [{"status": "in_transit", "at": "2026-11-22T20:00:00Z"}, {"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}
            """);
        var duplicate = await PostCarrierAsync(host, """{"waybillNo": "SFSCAN-1", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""");

        Assert.All([delivered, earlier, duplicate], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var order = await admin.GetOrderAsync("own-SCAN-1");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["picked_up", "in_transit", "delivered"], order.Tracking.Select(t => t.Status));
        Assert.Equal(
            [new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)],
            order.Tracking.Select(t => t.At));
    }

    [Fact]
    public async Task CarrierCallback_AfterTheReturnWasReceived_IsKeptAndTheOrderStaysReturned()
    {
        await using var host = await StartWithCarrierAsync();
        var admin = host.Admin();
        await admin.ShippedOrderAsync("SCAN-2");
        (await admin.PostAsJsonAsync("/api/orders/own-SCAN-2/return-requests", new ReasonRequest("too big"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-SCAN-2/returns/receive", new ReceiveReturnRequest(RefundAmount: 20m))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-SCAN-2");

        var late = await PostCarrierAsync(host, """{"waybillNo": "SFSCAN-2", "events": [{"status": "delivered", "at": "2026-11-23T10:00:00Z"}]}""");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var order = await admin.GetOrderAsync("own-SCAN-2");
        Assert.Equal(before.Status, order.Status);
        Assert.Equal(["delivered"], order.Tracking.Select(t => t.Status));
    }

    [Fact]
    public async Task CarrierCallback_ForAnOrderInterceptedAfterPacking_IsKeptAndTheOrderStaysCancelled()
    {
        await using var host = await StartWithCarrierAsync();
        var admin = host.Admin();
        await admin.PackedOrderAsync("SCAN-3");
        (await admin.PostAsJsonAsync("/api/orders/own-SCAN-3/return-requests", new ReasonRequest("buyer changed mind"))).EnsureSuccessStatusCode();
        Assert.Equal("Cancelled", (await admin.GetOrderAsync("own-SCAN-3")).Status);

        var scan = await PostCarrierAsync(host, """{"orderId": "own-SCAN-3", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""");
        var again = await PostCarrierAsync(host, """{"orderId": "own-SCAN-3", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""");

        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var order = await admin.GetOrderAsync("own-SCAN-3");
        Assert.Equal("Cancelled", order.Status);
        Assert.Equal(["picked_up"], order.Tracking.Select(t => t.Status));
        await admin.AssertLedgerCleanAsync();
    }

    [Fact]
    public async Task CarrierCallback_ForAnOrderCancelledBeforePacking_Is409AndAddsNothing()
    {
        await using var host = await StartWithCarrierAsync();
        var admin = host.Admin();
        await admin.PaidOrderAsync("SCAN-4");
        (await admin.PostAsJsonAsync("/api/orders/own-SCAN-4/cancel", new ReasonRequest("out of stock at the shelf"))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-SCAN-4");

        var scan = await PostCarrierAsync(host, """{"orderId": "own-SCAN-4", "events": [{"status": "delivered", "at": "2026-11-22T12:00:00Z"}]}""");

        var problem = await ProblemAssert.IsAsync(scan, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Contains("never had a parcel", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var order = await admin.GetOrderAsync("own-SCAN-4");
        Assert.Equal(("Cancelled", before.Version), (order.Status, order.Version));
        Assert.Empty(order.Tracking);
    }

    /// <summary>
    /// The order was delivered when the carrier's scan says, not when the callback came (carriers batch them): kept
    /// between the shipping time and now when the carrier's clock is off.
    /// </summary>
    [Theory]
    [InlineData("scan")]
    [InlineData("future")]
    [InlineData("before-shipping")]
    public async Task CarrierCallback_DeliveredScan_DeliveredAtIsTheScansTimeWithinShippingAndNow(string when)
    {
        await using var host = await StartWithCarrierAsync();
        var admin = host.Admin();
        var no = $"SCAN-T-{when}";
        await admin.ShippedOrderAsync(no);
        var shippedAt = (await admin.GetOrderAsync($"own-{no}")).ShippedAt!.Value;
        var at = when switch
        {
            // After the shipping time and before the callback (which comes after the read above), however fast the host.
            "scan" => shippedAt.AddTicks(1),
            "future" => shippedAt.AddDays(1),
            _ => shippedAt.AddDays(-1),
        };
        var before = DateTimeOffset.UtcNow;

        var scan = await PostCarrierAsync(host, $$"""{"waybillNo": "SF{{no}}", "events": [{"status": "delivered", "at": "{{at:O}}"}]}""");

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        var order = await admin.GetOrderAsync($"own-{no}");
        Assert.Equal("Delivered", order.Status);
        switch (when)
        {
            case "scan":
                Assert.Equal(at, order.DeliveredAt);
                break;
            case "future":
                Assert.InRange(order.DeliveredAt!.Value, before, after);
                break;
            default:
                Assert.Equal(shippedAt, order.DeliveredAt);
                break;
        }
    }

    private static Task<ApiTestHost> StartWithCarrierAsync() =>
        ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = CarrierSecret });

    private static Task<HttpResponseMessage> PostCarrierAsync(ApiTestHost host, string body) =>
        WebhookRefusals.PostSignedBytesAsync(host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes(body), CarrierSecret);
}
