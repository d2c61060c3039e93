using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>Shorthands for API tests.</summary>
internal static class ApiTestHostExtensions
{
    public static async Task ReceiveStockAsync(this HttpClient admin, string sku, int quantity, string warehouse = "SZ")
    {
        var response = await admin.PostAsJsonAsync($"/api/stock/{sku}/receipts", new StockReceiptRequest(warehouse, quantity));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<OrderDto> GetOrderAsync(this HttpClient client, string id) =>
        (await client.GetFromJsonAsync<OrderDto>($"/api/orders/{Uri.EscapeDataString(id)}"))!;

    public static async Task<OrderListResponse> ListOrdersAsync(this HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<OrderListResponse>($"/api/orders?{query}"))!;

    /// <summary>Posts a checkout with an <c>Idempotency-Key</c> header.</summary>
    public static Task<HttpResponseMessage> PostCheckoutAsync(this HttpClient client, CreateOrderRequest request, string idempotencyKey) =>
        client.PostWithKeyAsync("/api/orders", request, idempotencyKey);

    /// <summary>Posts <paramref name="body"/> as JSON with an <c>Idempotency-Key</c> header.</summary>
    public static Task<HttpResponseMessage> PostWithKeyAsync<T>(this HttpClient client, string url, T body, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(message);
    }

    public static CreateOrderRequest Checkout(string externalOrderNo, string sku = "SKU-1", int quantity = 1, decimal unitPrice = 20m, string phone = "13812345678") =>
        new(
            externalOrderNo,
            new CustomerInput("张三", phone),
            new AddressInput("浙江省", "杭州市", "西湖区", "文三路 100 号"),
            [new OrderLineInput(sku, quantity, unitPrice)]);

    /// <summary>Receives 5 units of SKU-1 (warehouse SZ), then places <c>own-{externalNo}</c> (1 × SKU-1 at 20) and pays it.</summary>
    public static async Task PaidOrderAsync(this HttpClient admin, string externalNo)
    {
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", Checkout(externalNo, quantity: 1, unitPrice: 20m))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/payment", new PaymentRequest("pay-" + externalNo, 20m))).EnsureSuccessStatusCode();
    }

    /// <summary><see cref="PaidOrderAsync"/>, then allocated and packed.</summary>
    public static async Task PackedOrderAsync(this HttpClient admin, string externalNo)
    {
        await admin.PaidOrderAsync(externalNo);
        await admin.AllocateAndPackAsync($"own-{externalNo}");
    }

    /// <summary>Allocates and packs the paid order <paramref name="orderId"/> (any channel).</summary>
    public static async Task AllocateAndPackAsync(this HttpClient admin, string orderId)
    {
        (await admin.PostAsJsonAsync($"/api/orders/{orderId}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orders/{orderId}/pack", null)).EnsureSuccessStatusCode();
    }

    /// <summary>Asserts the SKU's totals: on hand, reserved, allocated, sellable.</summary>
    public static async Task AssertStockAsync(this HttpClient admin, string sku, (int OnHand, int Reserved, int Allocated, int Sellable) expected)
    {
        var stock = (await admin.GetFromJsonAsync<StockDto>($"/api/stock/{sku}"))!;
        Assert.Equal(expected, (stock.OnHand, stock.Reserved, stock.Allocated, stock.Sellable));
    }

    /// <summary><see cref="PackedOrderAsync"/>, then shipped by SF with waybill <c>SF{externalNo}</c>.</summary>
    public static async Task ShippedOrderAsync(this HttpClient admin, string externalNo)
    {
        await admin.PackedOrderAsync(externalNo);
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/ship", new ShipRequest("SF", "SF" + externalNo))).EnsureSuccessStatusCode();
    }

    /// <summary>Asserts that the ledger check finds no drift between the SKUs and the orders.</summary>
    public static async Task AssertLedgerCleanAsync(this HttpClient admin)
    {
        var report = await (await admin.PostAsync("/api/admin/ledger/check", null)).Content.ReadFromJsonAsync<LedgerReportDto>();
        Assert.True(report!.Clean, string.Join("; ", report.Drifts));
    }

    /// <summary>Starts every call behind one gate and opens it, so they reach the API as nearly at once as a test can.</summary>
    public static async Task<HttpResponseMessage[]> AtOnceAsync(params Func<Task<HttpResponseMessage>>[] calls)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = calls.Select(call => Task.Run(async () =>
        {
            await gate.Task;
            return await call();
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(sent);
    }
}
