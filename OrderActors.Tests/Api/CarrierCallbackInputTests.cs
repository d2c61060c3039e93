using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

/// <summary>
/// Carrier callbacks with ids a carrier's template can produce: a blank <c>orderId</c> is an absent one (the waybill finds
/// the order), and an id no order key can hold is a 400 naming it, never a 500 the carrier retries.
/// </summary>
public sealed class CarrierCallbackInputTests
{
    private const string CarrierSecret = "carrier-secret-0123456789abcdef";

    private static readonly Dictionary<string, string?> SfSecret = new() { ["OrderActors:Carriers:sf:Secret"] = CarrierSecret };

    public static TheoryData<string, string, string> ControlCharacterIds => new()
    {
        { "sqlite", """{"orderId": "own-\u0000B-1", "events": [{"status": "in_transit"}]}""", "orderId" },
        { "postgres", """{"orderId": "own-\u0000B-1", "events": [{"status": "in_transit"}]}""", "orderId" },
        { "sqlite", """{"waybillNo": "SF\u0000B-1", "events": [{"status": "in_transit"}]}""", "waybillNo" },
        { "postgres", """{"waybillNo": "SF\u0000B-1", "events": [{"status": "in_transit"}]}""", "waybillNo" },
        { "postgres", """{"orderId": "own-B\u0007-1", "events": [{"status": "in_transit"}]}""", "orderId" },
    };

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public async Task CarrierCallback_BlankOrderIdWithTheWaybill_IsAddedToTheWaybillsOrder(string orderId)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: SfSecret);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("B-1");

        var response = await PostCarrierAsync(host, $$"""{"orderId": "{{orderId}}", "waybillNo": "SFB-1", "events": [{"status": "delivered"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("own-B-1", (await response.Content.ReadFromJsonAsync<CarrierCallbackAccepted>())!.OrderId);
        var order = await admin.GetOrderAsync("own-B-1");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["delivered"], order.Tracking.Select(t => t.Status));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public async Task CarrierCallback_BlankOrderIdWithAnUnknownWaybill_Is404NamingTheWaybillAndStoresNothing(string orderId)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: SfSecret);

        var response = await PostCarrierAsync(host, $$"""{"orderId": "{{orderId}}", "waybillNo": "W1", "events": [{"status": "x"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/order.not_found", problem!.Type);
        Assert.Contains("W1", problem.Detail, StringComparison.Ordinal);
        await WebhookSecurityTests.AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task CarrierCallback_BlankOrderIdAndBlankWaybill_Is400NamingOrderIdAndStoresNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: SfSecret);

        var response = await PostCarrierAsync(host, """{"orderId": "   ", "waybillNo": " ", "events": [{"status": "x"}]}""");

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, "request.invalid", "orderId");
        Assert.Equal(["orderId"], problem.Errors.Keys);
    }

    [Theory]
    [MemberData(nameof(ControlCharacterIds))]
    public async Task CarrierCallback_ControlCharacterInOrderIdOrWaybill_Is400NamingFieldAndStoresNothing(string provider, string body, string field)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: SfSecret);

        var response = await PostCarrierAsync(host, body);

        var problem = await WebhookRefusals.AssertRefusedAndNothingStoredAsync(host, response, "request.invalid", field);
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task CarrierCallback_MoreEventsThanOneCallbackMayCarry_Is400NamingEventsAndAddsNone()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: SfSecret);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("E-1");
        var events = string.Join(", ", Enumerable.Range(0, 101).Select(i => $$"""{"status": "scan-{{i}}"}"""));

        var response = await PostCarrierAsync(host, $$"""{"waybillNo": "SFE-1", "events": [{{events}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["events"], problem!.Errors.Keys);
        Assert.Empty((await admin.GetOrderAsync("own-E-1")).Tracking);
    }

    /// <summary>A long description on a later scan used to be refused by the order after the earlier scans were stored.</summary>
    [Fact]
    public async Task CarrierCallback_ALaterScansDescriptionTooLong_Is400NamingItAndAddsNone()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: SfSecret);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("L-1");
        var longText = new string('x', 501);

        var response = await PostCarrierAsync(host, $$"""{"waybillNo": "SFL-1", "events": [{"status": "in_transit", "at": "2026-11-21T08:00:00Z"}, {"status": "arrived", "description": "{{longText}}", "at": "2026-11-21T09:00:00Z"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["events[1].description"], problem!.Errors.Keys);
        Assert.Empty((await admin.GetOrderAsync("own-L-1")).Tracking);
    }

    /// <summary>Scans without a time were stamped on receipt, so a carrier's redelivery added them all again.</summary>
    [Fact]
    public async Task CarrierCallback_RedeliveredScansWithoutTimes_AreAddedOnce()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync("sqlite", clock, SfSecret);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("T-1");
        const string Callback = """{"waybillNo": "SFT-1", "events": [{"status": "in_transit", "description": "Shenzhen hub"}, {"status": "arrived", "description": "Shanghai"}]}""";

        var first = await PostCarrierAsync(host, Callback);
        clock.Advance(TimeSpan.FromMinutes(5));
        var again = await PostCarrierAsync(host, Callback);
        var later = await PostCarrierAsync(host, """{"waybillNo": "SFT-1", "events": [{"status": "out_for_delivery"}]}""");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { first.StatusCode, again.StatusCode, later.StatusCode });
        Assert.Equal(["in_transit", "arrived", "out_for_delivery"], (await admin.GetOrderAsync("own-T-1")).Tracking.Select(t => t.Status));
    }

    private static Task<HttpResponseMessage> PostCarrierAsync(ApiTestHost host, string body) =>
        WebhookRefusals.PostSignedBytesAsync(host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes(body), CarrierSecret);
}
