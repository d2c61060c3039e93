using System.Net;
using System.Text;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A carrier's scan dated after it reached us (its clock or time zone ahead) is shown at its arrival with the carrier's
/// time beside it; scan texts are cleaned of control and bidirectional characters as a channel's text is.
/// </summary>
public sealed class CarrierScanTimeAndTextTests
{
    private const string SfSecret = "carrier-secret-sf-0123456789abcdef";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CarrierCallback_ScansDatedDaysAhead_AreShownAtTheirArrivalWithTheCarriersTimeKept(string provider)
    {
        await using var host = await StartAsync(provider);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("ST-1");
        var ahead = DateTimeOffset.UtcNow.AddDays(3);
        var body = $$"""{"waybillNo": "SFST-1", "events": [{"status": "in_transit", "at": "{{ahead.AddHours(-2):O}}"}, {"status": "delivered", "at": "{{ahead:O}}"}]}""";
        var before = DateTimeOffset.UtcNow;

        var response = await PostAsync(host, body);
        var again = await PostAsync(host, body);

        var after = DateTimeOffset.UtcNow;
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, again.StatusCode));
        var order = await admin.GetOrderAsync("own-ST-1");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["in_transit", "delivered"], order.Tracking.Select(t => t.Status));
        Assert.All(order.Tracking, t => Assert.InRange(t.At, before, after));
        Assert.Equal([ahead.AddHours(-2), ahead], order.Tracking.Select(t => t.CarrierAt));
        Assert.InRange(order.DeliveredAt!.Value, before, after);
    }

    [Fact]
    public async Task CarrierCallback_ScanDatedInThePast_KeepsItsTimeWithNoCarrierTime()
    {
        await using var host = await StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ShippedOrderAsync("ST-2");

        (await PostAsync(host, """{"waybillNo": "SFST-2", "events": [{"status": "picked_up", "at": "2026-11-22T12:00:00Z"}]}""")).EnsureSuccessStatusCode();

        var scan = Assert.Single((await admin.GetOrderAsync("own-ST-2")).Tracking);
        Assert.Equal((new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null), (scan.At, scan.CarrierAt));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CarrierCallback_ScanTextsWithControlAndBidiCharacters_AreStoredCleaned(string provider)
    {
        await using var host = await StartAsync(provider);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("ST-3");

        var response = await PostAsync(host, """
            {"waybillNo": "SFST-3", "events": [
              {"status": "in_transit\u0000", "description": "Arrived\u0007 at\u202E Hangzhou\u001b[2J hub\r\nnext: Shanghai", "at": "2026-11-22T12:00:00Z"},
              {"status": "\u202Ein_\u2066transit", "description": "Left\u0085 the hub"}
            ]}
            """);
        var redelivered = await PostAsync(host, """{"waybillNo": "SFST-3", "events": [{"status": "\u202Ein_\u2066transit", "description": "Left\u0085 the hub"}]}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, redelivered.StatusCode));
        var order = await admin.GetOrderAsync("own-ST-3");
        Assert.Equal(
            [("in_transit", "Arrived  at Hangzhou [2J hub  next: Shanghai"), ("in_transit", "Left  the hub")],
            order.Tracking.Select(t => (t.Status, t.Description)));
    }

    [Fact]
    public async Task CarrierCallback_StatusOfControlCharactersOnly_Is400NamingItAndAddsNothing()
    {
        await using var host = await StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ShippedOrderAsync("ST-4");
        var before = await admin.GetOrderAsync("own-ST-4");

        var response = await PostAsync(host, """{"waybillNo": "SFST-4", "events": [{"status": "picked_up"}, {"status": "\u0007\u202E"}]}""");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", null);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events[1].status", out _), problem.GetRawText());
        var after = await admin.GetOrderAsync("own-ST-4");
        Assert.Equal((before.Version, 0), (after.Version, after.Tracking.Count));
    }

    private static Task<ApiTestHost> StartAsync(string provider) =>
        ApiTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = SfSecret });

    private static Task<HttpResponseMessage> PostAsync(ApiTestHost host, string body) =>
        WebhookRefusals.PostSignedBytesAsync(host, "/webhooks/carriers/sf", Encoding.UTF8.GetBytes(body), SfSecret);
}
