using System.Net;
using System.Text;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;
using OrderActors.Tests.Api;

namespace OrderActors.Tests.Cli;

/// <summary>The typed client against the real silo in-process over SQLite.</summary>
public sealed class OrderActorsClientTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private OrderActorsClient _api = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync("sqlite");
        _api = new OrderActorsClient(_host.Admin());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OrdersAndStock_CheckoutPayAndRead_ReturnTypedResults()
    {
        await _api.Stock.ReceiveAsync("SKU-C1", new StockReceiptRequest("SZ", 10));

        var created = await _api.Orders.CreateAsync(Checkouts.For("C-1", "SKU-C1", 3), idempotencyKey: "c-1");
        var paid = await _api.Orders.PayAsync(created.Id, new PaymentRequest("pay-1", 60m));
        var stock = await _api.Stock.GetAsync("SKU-C1");
        var history = await _api.Orders.HistoryAsync(created.Id);
        var page = await _api.Orders.ListAsync(new OrderQuery { Status = "Paid" });

        Assert.Equal(("own-C-1", "PendingPayment"), (created.Id, created.Status));
        Assert.Equal("Paid", paid.Status);
        Assert.Equal((10, 3, 7), (stock.OnHand, stock.Reserved, stock.Sellable));
        Assert.Equal(["PendingPayment", "Paid"], history.Select(h => h.ToStatus));
        Assert.Equal(["own-C-1"], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task CreateAsync_TooLittleStock_ThrowsConflictWithTheStableCode()
    {
        await _api.Stock.ReceiveAsync("SKU-C2", new StockReceiptRequest("SZ", 1));

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => _api.Orders.CreateAsync(Checkouts.For("C-2", "SKU-C2", 2)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal("stock.insufficient", error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal(0, (await _api.Stock.GetAsync("SKU-C2")).Reserved);
    }

    [Fact]
    public async Task CreateAsync_NegativeQuantity_ThrowsValidationErrorNamingTheField()
    {
        await _api.Stock.ReceiveAsync("SKU-C3", new StockReceiptRequest("SZ", 5));

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => _api.Orders.CreateAsync(Checkouts.For("C-3", "SKU-C3", -1)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("lines[0].quantity", error.Field);
        Assert.NotEmpty(error.Errors["lines[0].quantity"]);
    }

    [Fact]
    public async Task TransitionAsync_Illegal_ThrowsConflictAndTheOrderStaysAsItWas()
    {
        await _api.Stock.ReceiveAsync("SKU-C4", new StockReceiptRequest("SZ", 5));
        var created = await _api.Orders.CreateAsync(Checkouts.For("C-4", "SKU-C4", 1));

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => _api.Orders.ShipAsync(created.Id, new ShipRequest("SF", "SF100")));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal("order.invalid_transition", error.Code);
        Assert.Equal("PendingPayment", (await _api.Orders.GetAsync(created.Id)).Status);
    }

    [Fact]
    public async Task AnyCall_WithAWrongApiKey_ThrowsUnauthorized()
    {
        using var wrong = new OrderActorsClient(_host.WithKey("not-a-key"));

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => wrong.Stock.GetAsync("SKU-C1"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
    }

    [Fact]
    public async Task Keys_CreateThenRevoke_TheNewKeyWorksThenStops()
    {
        var created = await _api.Keys.CreateAsync("ops", [ApiRoles.Warehouse]);
        using var ops = new OrderActorsClient(_host.WithKey(created.Key));
        await ops.Stock.ReceiveAsync("SKU-C5", new StockReceiptRequest("SZ", 1));

        await _api.Keys.RevokeAsync(created.Id);

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => ops.Stock.GetAsync("SKU-C5"));
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.DoesNotContain(created.Id, (await _api.Keys.ListAsync()).Select(k => k.Id));
    }

    [Fact]
    public async Task PostOrderAsync_SignedTaobaoPayload_CreatesOnceThenAnswersDuplicate()
    {
        var body = Encoding.UTF8.GetBytes("""{"tid":"7001","receiver_name":"李四","receiver_mobile":"13900139000","receiver_state":"北京市","receiver_city":"北京市","receiver_district":"朝阳区","receiver_address":"建国路88号","payment":"10.00","pay_time":"2026-11-20 10:00:00","orders":[{"outer_sku_id":"SKU-C6","num":"1","price":"10.00"}]}""");

        var first = await _api.Webhooks.PostOrderAsync("taobao", body, ApiTestHost.ChannelSecret);
        var again = await _api.Webhooks.PostOrderAsync("taobao", body, ApiTestHost.ChannelSecret);

        Assert.Equal(("taobao-7001", false), (first.OrderId, first.Duplicate));
        Assert.Equal(("taobao-7001", true), (again.OrderId, again.Duplicate));
        Assert.Equal("Paid", (await _api.Orders.GetAsync("taobao-7001")).Status);
    }

    [Fact]
    public async Task PostOrderAsync_WrongSecret_ThrowsUnauthorizedAndStoresNothing()
    {
        var body = Encoding.UTF8.GetBytes("""{"tid":"7002","receiver_mobile":"13900139000","orders":[{"outer_sku_id":"SKU-C6","num":"1"}]}""");

        var error = await Assert.ThrowsAsync<OrderActorsApiException>(() => _api.Webhooks.PostOrderAsync("taobao", body, "wrong-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("webhook.signature_invalid", error.Code);
        var missing = await Assert.ThrowsAsync<OrderActorsApiException>(() => _api.Orders.GetAsync("taobao-7002"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
