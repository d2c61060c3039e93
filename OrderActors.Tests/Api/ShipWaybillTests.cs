using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A waybill number is one parcel's: shipping a second order with a waybill another order shipped with is 409
/// <c>order.waybill_in_use</c> naming <c>waybillNo</c>, and changes nothing. Before, it was accepted, and from then on
/// every carrier callback that named only the waybill was a 404 for both orders (retried by the carrier for days).
/// </summary>
public sealed class ShipWaybillTests
{
    private const string CarrierSecret = "carrier-secret-0123456789abcdef";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ship_WaybillAnotherOrderShippedWith_Is409NamingThatOrderAndChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = CarrierSecret });
        var admin = host.Admin();
        await admin.PackedOrderAsync("WB-1");
        await admin.PackedOrderAsync("WB-2");
        (await admin.PostAsJsonAsync("/api/orders/own-WB-1/ship", new ShipRequest("SF", "SF-SAME"))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-WB-2");

        var second = await admin.PostAsJsonAsync("/api/orders/own-WB-2/ship", new ShipRequest("SF", " SF-SAME "));
        var again = await admin.PostAsJsonAsync("/api/orders/own-WB-1/ship", new ShipRequest("SF", "SF-SAME"));

        var problem = await ProblemAssert.IsAsync(second, HttpStatusCode.Conflict, "order.waybill_in_use", "waybillNo");
        Assert.Contains("own-WB-1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var after = await admin.GetOrderAsync("own-WB-2");
        Assert.Equal(("Packed", before.Version, (string?)null), (after.Status, after.Version, after.WaybillNo));
        await admin.AssertStockAsync("SKU-1", (OnHand: 9, Reserved: 0, Allocated: 1, Sellable: 8));
        var delivered = await WebhookRefusals.PostSignedBytesAsync(
            host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes("""{"waybillNo": "SF-SAME", "events": [{"status": "delivered", "at": "2026-11-23T10:00:00Z"}]}"""), CarrierSecret);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(("Delivered", "Packed"), ((await admin.GetOrderAsync("own-WB-1")).Status, (await admin.GetOrderAsync("own-WB-2")).Status));
    }
}
