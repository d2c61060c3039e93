using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

public sealed class OrderEndpointsTests
{
    public static TheoryData<string, string> BadInputs => new()
    {
        { "sqlite", "malformed" }, { "sqlite", "negative" }, { "sqlite", "unknown-sku" }, { "sqlite", "oversized" }, { "sqlite", "missing" },
        { "postgres", "malformed" }, { "postgres", "negative" }, { "postgres", "unknown-sku" }, { "postgres", "oversized" }, { "postgres", "missing" },
    };

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_ValidCheckout_Returns201AndReservesStock(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        var sales = await host.WithRolesAsync(ApiRoles.Sales);

        var response = await sales.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-1", quantity: 2));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/orders/own-W-1", response.Headers.Location?.OriginalString);
        var order = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(("own-W-1", "PendingPayment", 40m), (order.Id, order.Status, order.TotalAmount));
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!;
        Assert.Equal((5, 2, 3), (stock.OnHand, stock.Reserved, stock.Sellable));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_RetryWithSameIdempotencyKey_ReturnsFirstAnswer(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);

        var first = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("W-2"), "idem-1");
        var second = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("W-2"), "idem-1");
        var reused = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("W-3"), "idem-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.Reserved);
        Assert.Single((await admin.ListOrdersAsync()).Items);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task CreateOrder_BadInput_Is4xxProblemWithFieldAndStoresNothing(string provider, string fault)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["OrderActors:Api:MaxRequestBodyBytes"] = "8192" });
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);

        var (body, expectedStatus, expectedField) = fault switch
        {
            "malformed" => ("""{"externalOrderNo": "W-9", "lines": [{"sku": "SKU-1", "quantity": "two"}]}""", HttpStatusCode.BadRequest, "lines[0].quantity"),
            "negative" => (Json(ApiTestHostExtensions.Checkout("W-9", quantity: -1)), HttpStatusCode.BadRequest, "lines[0].quantity"),
            "unknown-sku" => (Json(ApiTestHostExtensions.Checkout("W-9", sku: "NO-SUCH-SKU")), HttpStatusCode.BadRequest, "lines[0].sku"),
            "missing" => ("""{"externalOrderNo": "W-9", "lines": [{"sku": "SKU-1", "quantity": 1, "unitPrice": 1}]}""", HttpStatusCode.BadRequest, "customer"),
            _ => (Json(ApiTestHostExtensions.Checkout("W-9") with { BuyerNote = new string('x', 10_000) }), HttpStatusCode.RequestEntityTooLarge, null),
        };
        var response = await admin.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.StartsWith("https://orderactors.dev/problems/", problem.Type, StringComparison.Ordinal);
        if (expectedField is not null)
        {
            Assert.Contains(expectedField, problem.Errors.Keys);
        }

        Assert.Empty((await admin.ListOrdersAsync()).Items);
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!;
        Assert.Equal((0, 5), (stock.Reserved, stock.Sellable));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_TooLittleStock_Is409StockInsufficientAndReservesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 1);

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-4", quantity: 2));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
        Assert.Equal("https://orderactors.dev/problems/stock.insufficient", problem.Type);
        Assert.Equal("stock.insufficient", problem.Extensions["code"]?.ToString());
        Assert.Equal(0, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.Reserved);
    }

    /// <summary>The list reads amounts from the query index, which pads them to four decimals; it gave 30.0000 for 30.</summary>
    [Fact]
    public async Task ListOrders_Amount_IsTheOrdersTotalAsWritten()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("AMT-1", quantity: 2, unitPrice: 15.5m))).EnsureSuccessStatusCode();

        var json = await admin.GetStringAsync("/api/orders?limit=5");

        Assert.Contains("\"amount\":31,", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Orders_WrongRole_Gets403AndRestrictedRolesSeeMaskedFields(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-5", quantity: 1, unitPrice: 30m));
        var warehouse = await host.WithRolesAsync(ApiRoles.Warehouse);
        var finance = await host.WithRolesAsync(ApiRoles.Finance);

        var create = await warehouse.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-6"));
        var seenByWarehouse = await warehouse.GetOrderAsync("own-W-5");
        var seenByFinance = await finance.GetOrderAsync("own-W-5");
        var listedForFinance = (await finance.ListOrdersAsync()).Items.Single();
        var listedForWarehouse = (await warehouse.ListOrdersAsync()).Items.Single();

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Null(seenByWarehouse.TotalAmount);
        Assert.All(seenByWarehouse.Lines, l => Assert.Null(l.UnitPrice));
        Assert.Equal("13812345678", seenByWarehouse.Customer.Phone);
        Assert.Equal(30m, seenByFinance.TotalAmount);
        Assert.Equal("138****5678", seenByFinance.Customer.Phone);
        Assert.Equal("****", seenByFinance.Address.Detail);
        Assert.Equal("138****5678", listedForFinance.Phone);
        Assert.Null(listedForWarehouse.Amount);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task OrderLifecycle_PayAllocatePackShipDeliver_ReachesDeliveredWithHistory(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-7", quantity: 1, unitPrice: 30m));

        var steps = new[]
        {
            await admin.PostAsJsonAsync("/api/orders/own-W-7/payment", new PaymentRequest("pay-1", 30m)),
            await admin.PostAsJsonAsync("/api/orders/own-W-7/allocate", new AllocateRequest()),
            await admin.PostAsync("/api/orders/own-W-7/pack", null),
            await admin.PostAsJsonAsync("/api/orders/own-W-7/ship", new ShipRequest("SF", "SF1234567890")),
            await admin.PostAsync("/api/orders/own-W-7/deliver", null),
        };
        var illegal = await admin.PostAsJsonAsync("/api/orders/own-W-7/cancel", new ReasonRequest("too late"));

        Assert.All(steps, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        var order = await admin.GetOrderAsync("own-W-7");
        Assert.Equal(("Delivered", "SZ", "SF1234567890"), (order.Status, order.Warehouse, order.WaybillNo));
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-W-7/history"))!;
        Assert.Contains(history, h => h.ToStatus == "Shipped");
        Assert.Equal("Delivered", (await admin.GetOrderAsync("own-W-7")).Status);
        Assert.Equal(4, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.OnHand);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Track_WrongPhone_AnswersExactlyLikeUnknownOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("W-8"));
        var anonymous = host.CreateClient();

        var right = await anonymous.GetAsync("/api/track?orderNo=W-8&phone=13812345678");
        var wrongPhone = await anonymous.GetAsync("/api/track?orderNo=W-8&phone=13900000000");
        var unknownOrder = await anonymous.GetAsync("/api/track?orderNo=W-404&phone=13812345678");

        var found = (await right.Content.ReadFromJsonAsync<TrackingResponse>())!;
        var tracked = Assert.Single(found.Orders);
        Assert.Equal(("W-8", "138****5678", "placed"), (tracked.OrderNo, tracked.Phone, tracked.Timeline[0].Event));
        Assert.DoesNotContain("文三路", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (wrongPhone.StatusCode, unknownOrder.StatusCode));
        Assert.Equal(await unknownOrder.Content.ReadAsStringAsync(), await wrongPhone.Content.ReadAsStringAsync());
        Assert.Equal("""{"orders":[]}""", await wrongPhone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Track_MoreRequestsThanTheLimit_Answers429Problem()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Api:TrackingPermitLimit"] = "3" });
        var anonymous = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await anonymous.GetAsync($"/api/track?orderNo=W-{i}&phone=13812345678")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static string Json(CreateOrderRequest request) => System.Text.Json.JsonSerializer.Serialize(request, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
}
