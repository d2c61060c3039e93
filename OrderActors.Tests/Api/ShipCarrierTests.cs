using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The ship request names a configured carrier, stored in its configured spelling. It took any text: "SF", "sf" and
/// "SF-Express" were three carriers, and a typo left an order no carrier's callback could match.
/// </summary>
public sealed class ShipCarrierTests
{
    private const string SfSecret = "carrier-secret-sf-0123456789abcdef";

    private static readonly Dictionary<string, string?> TwoCarriers = new()
    {
        ["OrderActors:Carriers:sf:Secret"] = SfSecret,
        ["OrderActors:Carriers:zto:Secret"] = "carrier-secret-zto-0123456789abcdef",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ship_WithACarrierThatIsNotConfigured_Is400NamingCarrierAndListingTheKnownOnesAndChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: TwoCarriers);
        var admin = host.Admin();
        await admin.PackedOrderAsync("SC-1");
        var before = await admin.GetOrderAsync("own-SC-1");

        var response = await admin.PostAsJsonAsync("/api/orders/own-SC-1/ship", new ShipRequest("SF-Express", "SFSC-1"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "carrier");
        var error = problem.GetProperty("errors").GetProperty("carrier")[0].GetString();
        Assert.Contains("'SF-Express' is not a configured carrier", error, StringComparison.Ordinal);
        Assert.Contains("sf, zto", error, StringComparison.Ordinal);
        var after = await admin.GetOrderAsync("own-SC-1");
        Assert.Equal(("Packed", before.Version, (string?)null, (string?)null), (after.Status, after.Version, after.Carrier, after.WaybillNo));
        await admin.AssertStockAsync("SKU-1", (OnHand: 5, Reserved: 0, Allocated: 1, Sellable: 4));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Ship_WithAConfiguredCarrierInAnotherSpelling_StoresItAsConfiguredAndItsCallbackDeliversTheOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: TwoCarriers);
        var admin = host.Admin();
        await admin.PackedOrderAsync("SC-2");

        var shipped = await admin.PostAsJsonAsync("/api/orders/own-SC-2/ship", new ShipRequest(" SF ", "SFSC-2"));
        var retry = await admin.PostAsJsonAsync("/api/orders/own-SC-2/ship", new ShipRequest("Sf", "SFSC-2"));
        var callback = await WebhookRefusals.PostSignedBytesAsync(
            host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes("""{"waybillNo": "SFSC-2", "events": [{"status": "delivered"}]}"""), SfSecret);

        Assert.Equal("sf", (await shipped.Content.ReadFromJsonAsync<OrderDto>())!.Carrier);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var order = await admin.GetOrderAsync("own-SC-2");
        Assert.Equal(("Delivered", "sf"), (order.Status, order.Carrier));
        await admin.AssertStockAsync("SKU-1", (OnHand: 4, Reserved: 0, Allocated: 0, Sellable: 4));
    }

    /// <summary>A fresh install has no carrier configured (the shipped settings name none) and must still ship.</summary>
    [Fact]
    public async Task Ship_WithNoCarrierConfigured_TakesTheCarrierAsGiven()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.PackedOrderAsync("SC-3");

        var response = await admin.PostAsJsonAsync("/api/orders/own-SC-3/ship", new ShipRequest(" YTO ", "YTSC-3"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("own-SC-3");
        Assert.Equal(("Shipped", "YTO"), (order.Status, order.Carrier));
    }
}
