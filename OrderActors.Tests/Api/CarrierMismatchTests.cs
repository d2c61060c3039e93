using System.Net;
using System.Net.Http.Json;
using System.Text;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A carrier's callback reaches only the orders that shipped with it. Any configured carrier's callback added its scans to
/// any order found by id or waybill, and its <c>delivered</c> scan delivered a parcel another carrier still had.
/// </summary>
public sealed class CarrierMismatchTests
{
    private const string SfSecret = "carrier-secret-sf-0123456789abcdef";
    private const string ZtoSecret = "carrier-secret-zto-0123456789abcdef";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CarrierCallback_FromAnotherCarrierThanTheOrderShippedWith_Is409NamingBothAndChangesNothing(string provider)
    {
        await using var host = await StartWithTwoCarriersAsync(provider);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("CM-1");
        var before = await admin.GetOrderAsync("own-CM-1");

        var byWaybill = await PostCarrierAsync(host, "zto", ZtoSecret, """{"waybillNo": "SFCM-1", "events": [{"status": "delivered", "at": "2026-11-23T10:00:00Z"}]}""");
        var byOrderId = await PostCarrierAsync(host, "zto", ZtoSecret, """{"orderId": "own-CM-1", "events": [{"status": "in_transit"}, {"status": "delivered"}]}""");

        foreach (var response in new[] { byWaybill, byOrderId })
        {
            var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Conflict, "order.carrier_mismatch", null);
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains($"carrier '{before.Carrier}'", detail, StringComparison.Ordinal);
            Assert.Contains("carrier 'zto'", detail, StringComparison.Ordinal);
            Assert.Contains("SFCM-1", detail, StringComparison.Ordinal);
        }

        var after = await admin.GetOrderAsync("own-CM-1");
        Assert.Equal(("Shipped", before.Version, (DateTimeOffset?)null), (after.Status, after.Version, after.DeliveredAt));
        Assert.Empty(after.Tracking);
    }

    [Fact]
    public async Task CarrierCallback_FromAnotherCarrierRepeatingAScanTheOrderHas_Is409()
    {
        await using var host = await StartWithTwoCarriersAsync("sqlite");
        var admin = host.Admin();
        await admin.ShippedOrderAsync("CM-2");
        (await PostCarrierAsync(host, "sf", SfSecret, """{"orderId": "own-CM-2", "events": [{"status": "in_transit", "description": "Hangzhou hub"}]}""")).EnsureSuccessStatusCode();
        (await PostCarrierAsync(host, "sf", SfSecret, """{"orderId": "own-CM-2", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""")).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-CM-2");

        var untimed = await PostCarrierAsync(host, "zto", ZtoSecret, """{"orderId": "own-CM-2", "events": [{"status": "in_transit", "description": "Hangzhou hub"}]}""");
        var timed = await PostCarrierAsync(host, "zto", ZtoSecret, """{"orderId": "own-CM-2", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""");

        await ProblemAssert.IsAsync(untimed, HttpStatusCode.Conflict, "order.carrier_mismatch", null);
        await ProblemAssert.IsAsync(timed, HttpStatusCode.Conflict, "order.carrier_mismatch", null);
        Assert.Equal(before.Version, (await admin.GetOrderAsync("own-CM-2")).Version);
    }

    /// <summary>The order shipped as "SF" (how a warehouse types it); the carrier's section and path are "sf".</summary>
    [Fact]
    public async Task CarrierCallback_FromTheCarrierTheOrderShippedWithSpelledInAnotherCase_DeliversIt()
    {
        await using var host = await StartWithTwoCarriersAsync("sqlite");
        var admin = host.Admin();
        await admin.ShippedOrderAsync("CM-3");

        var response = await PostCarrierAsync(host, "sf", SfSecret, """{"waybillNo": "SFCM-3", "events": [{"status": "delivered"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("own-CM-3");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["delivered"], order.Tracking.Select(t => t.Status));
    }

    [Fact]
    public async Task CarrierCallback_ForAnOrderInterceptedBeforeItShipped_IsKeptWhateverTheCarrier()
    {
        await using var host = await StartWithTwoCarriersAsync("sqlite");
        var admin = host.Admin();
        await admin.PackedOrderAsync("CM-4");
        (await admin.PostAsJsonAsync("/api/orders/own-CM-4/return-requests", new ReasonRequest("buyer changed mind"))).EnsureSuccessStatusCode();

        var response = await PostCarrierAsync(host, "zto", ZtoSecret, """{"orderId": "own-CM-4", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["picked_up"], (await admin.GetOrderAsync("own-CM-4")).Tracking.Select(t => t.Status));
    }

    private static Task<ApiTestHost> StartWithTwoCarriersAsync(string provider) =>
        ApiTestHost.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["OrderActors:Carriers:sf:Secret"] = SfSecret,
            ["OrderActors:Carriers:zto:Secret"] = ZtoSecret,
        });

    private static Task<HttpResponseMessage> PostCarrierAsync(ApiTestHost host, string carrier, string secret, string body) =>
        WebhookRefusals.PostSignedBytesAsync(host, $"/webhooks/carriers/{carrier}", Encoding.UTF8.GetBytes(body), secret);
}
