using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Api.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;

namespace OrderActors.Tests.Api;

public sealed class OperationsEndpointsTests
{
    private const string CarrierSecret = "carrier-secret-0123456789abcdef";

    [Fact]
    public async Task AdminInspection_AfterAnOrder_ShowsActivationsStateEventsAndCleanLedger()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("A-1", quantity: 2));

        var cluster = (await admin.GetFromJsonAsync<ClusterStatusDto>("/api/admin/cluster"))!;
        var orders = (await admin.GetFromJsonAsync<List<ActivationDto>>("/api/admin/grains?type=order&top=10"))!;
        var sku = (await admin.GetFromJsonAsync<GrainDetailDto>("/api/admin/grains/sku/SKU-1"))!;
        var reminders = (await admin.GetFromJsonAsync<List<ReminderDto>>("/api/admin/reminders?dueWithin=2h"))!;
        var ledger = await admin.PostAsync("/api/admin/ledger/check", null);
        var forbidden = await (await host.WithRolesAsync(ApiRoles.CustomerService)).GetAsync("/api/admin/cluster");

        Assert.Equal("sqlite", cluster.StorageProvider);
        Assert.True(cluster.ActivationsByType["order"] >= 1);
        Assert.Contains(orders, a => a.GrainKey == "own-A-1");
        Assert.Equal(2, ((JsonElement)sku.State!).GetProperty("reserved").GetInt32());
        Assert.Contains(sku.LatestEvents, e => e.EventType == "stock.received");
        Assert.Contains(reminders, r => r.GrainKey == "own-A-1" || r.GrainKey == "SKU-1");
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.True((await ledger.Content.ReadFromJsonAsync<LedgerReportDto>())!.Clean);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task LedgerRepair_StockHeldForAnOrderNeverStored_ReleasesItAndReportsBeforeAndAfter()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-R", 5);
        await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("R-1", sku: "SKU-R", quantity: 2));
        // What a crash between a paid order's stock confirmation and its append leaves behind.
        var sku = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISkuStockGrain>("SKU-R");
        await sku.ReserveAsync(new ReserveStock("douyin-lost-1", 3, null, AllowShortage: true, "webhook:douyin"));
        await sku.ConfirmAsync(new ConfirmStock("douyin-lost-1", "webhook:douyin"));

        var repair = await admin.PostAsync("/api/admin/ledger/repair", null);
        var forbidden = await (await host.WithRolesAsync(ApiRoles.Warehouse)).PostAsync("/api/admin/ledger/repair", null);

        Assert.Equal(HttpStatusCode.OK, repair.StatusCode);
        var body = (await repair.Content.ReadFromJsonAsync<LedgerRepairDto>())!;
        var released = Assert.Single(body.Released);
        Assert.Equal("douyin-lost-1", released.OrderId);
        Assert.Equal(["SKU-R"], released.Skus);
        Assert.Equal(["douyin-lost-1"], body.Before.Drifts.Select(d => d.OrderId));
        Assert.True(body.After.Clean);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var stock = (await admin.GetFromJsonAsync<JsonElement>("/api/stock/SKU-R"));
        Assert.Equal(2, stock.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task CarrierCallback_SignedScanThenDelivered_AddsTrackingAndDelivers()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = CarrierSecret });
        var admin = host.Admin();
        await admin.ShippedOrderAsync("C-1");
        var callback = JsonSerializer.Serialize(
            new CarrierCallback("own-C-1", null, [new CarrierEventInput("in_transit", "Shenzhen hub", null), new CarrierEventInput("delivered", "Signed by buyer", null)]),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var unsigned = await PostCarrierAsync(host, callback, "sha256=" + new string('0', 64));
        var signed = await PostCarrierAsync(host, callback, WebhookSignatures.SignHex(Encoding.UTF8.GetBytes(callback), CarrierSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var order = await admin.GetOrderAsync("own-C-1");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["in_transit", "delivered"], order.Tracking.Select(t => t.Status));
    }

    [Fact]
    public async Task CarrierCallback_ByWaybillOnly_FindsTheOrderAndDelivers()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Carriers:sf:Secret"] = CarrierSecret });
        var admin = host.Admin();
        await admin.ShippedOrderAsync("W-1");
        var callback = JsonSerializer.Serialize(
            new CarrierCallback(null, "SFW-1", [new CarrierEventInput("delivered", "Signed by buyer", null)]),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var response = await PostCarrierAsync(host, callback, WebhookSignatures.SignHex(Encoding.UTF8.GetBytes(callback), CarrierSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await admin.GetOrderAsync("own-W-1");
        Assert.Equal("Delivered", order.Status);
        Assert.Equal(["delivered"], order.Tracking.Select(t => t.Status));
    }

    [Fact]
    public async Task Reports_SummaryReconciliationExceptionsAndEvents_ReflectTheOrders()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ShippedOrderAsync("R-1");
        var finance = await host.WithRolesAsync(ApiRoles.Finance);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var summary = (await finance.GetFromJsonAsync<SummaryReportDto>("/api/reports/summary"))!;
        var csv = await finance.GetStringAsync($"/api/reports/reconciliation?date={today}&format=csv");
        var exceptions = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions"))!;
        var feed = (await (await host.WithRolesAsync(ApiRoles.Integration)).GetFromJsonAsync<FeedPage>("/api/events?after=0&limit=1000"))!;

        Assert.Equal(1, summary.Orders);
        Assert.Equal(1, summary.ByChannelAndStatus["own"]["Shipped"]);
        Assert.NotNull(summary.FulfilmentHoursP50);
        Assert.Equal($"date,channel,orders,paid_orders,paid_amount,refunds,refund_amount,credit_notes,net\n{today},own,1,1,20.00,0,0.00,0,20.00\n", csv);
        Assert.Empty(exceptions.Items);
        Assert.Contains(feed.Events, e => e.EventType == "order.shipped" && e.GrainKey == "own-R-1");
        Assert.Equal(feed.Events[^1].Position, feed.Next);
    }

    [Fact]
    public async Task Events_FilteredByType_ReturnOnlyThoseTypesAndBadTypeIsAProblem()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        await host.Admin().ShippedOrderAsync("F-1");
        var integration = await host.WithRolesAsync(ApiRoles.Integration);

        var all = (await integration.GetFromJsonAsync<FeedPage>("/api/events?after=0&limit=1000"))!;
        var shipped = (await integration.GetFromJsonAsync<FeedPage>("/api/events?after=0&limit=1000&type=order.shipped,order.placed"))!;
        var bad = await integration.GetAsync("/api/events?type=order.placed,drop%20table");
        var empty = await integration.GetAsync("/api/events?type=,");

        Assert.Equal(["order.placed", "order.shipped"], shipped.Events.Where(e => e.GrainKey == "own-F-1").Select(e => e.EventType));
        Assert.All(shipped.Events, e => Assert.Contains(e.EventType, new[] { "order.shipped", "order.placed" }));
        Assert.True(all.Events.Count > shipped.Events.Count);
        Assert.Equal(shipped.Events[^1].Position, shipped.Next);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'drop table' is not an event type", (await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors["type"][0]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("type", (await empty.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task ChannelMapping_NewChannelAsConfiguration_TakesOrdersWithoutCode()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Channels:weidian:Secret"] = ApiTestHost.ChannelSecret });
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-WD", 5);
        var mapping = WeidianMapping.Create();
        var payload = """{"order": {"no": "WD9", "state": "PAID", "cents": 1500, "items": [{"code": "SKU-WD", "n": 1, "cents": 1500}]}, "buyer": {"nick": "小明", "tel": "13811112222", "prov": "湖北省", "city": "武汉市", "area": "洪山区", "addr": "珞喻路 1 号"}}""";

        var bad = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping with { Lines = mapping.Lines! with { Path = "order..items" } });
        var put = await admin.PutAsJsonAsync("/api/channels/weidian/mapping", mapping);
        var webhook = await host.PostWebhookAsync("weidian", payload);
        var channels = await admin.GetFromJsonAsync<List<string>>("/api/channels");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("lines.path", (await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(1, (await put.Content.ReadFromJsonAsync<ChannelMappingDocument>())!.Version);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.Equal(["douyin", "jd", "own", "pdd", "shopify", "taobao", "weidian"], channels);
        var order = await admin.GetOrderAsync("weidian-WD9");
        Assert.Equal(("Paid", 15.00m), (order.Status, order.TotalAmount));
        Assert.Equal(new AddressDto("湖北省", "武汉市", "洪山区", "珞喻路 1 号"), order.Address);
    }

    [Fact]
    public async Task Rules_InvalidSection_IsRejectedWholeAndValidOneBumpsVersion()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();

        var bad = await admin.PutAsJsonAsync("/api/rules/approval", new { tiers = new[] { new { threshold = -1, role = "sales" } } });
        var wrongType = await admin.PutAsync("/api/rules/sla", new StringContent("""{"review": "soon"}""", Encoding.UTF8, "application/json"));
        var good = await admin.PutAsJsonAsync("/api/rules/sla", new { enabled = true, review = "00:20:00" });
        var sla = await admin.GetFromJsonAsync<JsonElement>("/api/rules/sla");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("review", (await wrongType.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("00:20:00", sla.GetProperty("review").GetString());
        Assert.True(sla.GetProperty("version").GetInt64() >= 1);
    }

    [Fact]
    public async Task Rules_DuplicateWindow_IsTunedAndAnOutOfRangeOneIsRefusedNamingIt()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();

        var bad = await admin.PutAsJsonAsync("/api/rules/exceptions", new { suspectedDuplicate = new { enabled = true, window = "45.00:00:00" } });
        var afterBad = await admin.GetFromJsonAsync<JsonElement>("/api/rules/exceptions");
        var good = await admin.PutAsJsonAsync("/api/rules/exceptions", new { suspectedDuplicate = new { enabled = true, window = "2.00:00:00" } });
        var afterGood = await admin.GetFromJsonAsync<JsonElement>("/api/rules/exceptions");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["suspectedDuplicate.window"], (await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal("1.00:00:00", afterBad.GetProperty("suspectedDuplicate").GetProperty("window").GetString());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("2.00:00:00", afterGood.GetProperty("suspectedDuplicate").GetProperty("window").GetString());
    }

    private static Task<HttpResponseMessage> PostCarrierAsync(ApiTestHost host, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/carriers/sf") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignatures.Header, signature);
        return host.CreateClient().SendAsync(request);
    }
}
