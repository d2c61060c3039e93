using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// An order is a presale order when the storefront or channel says so, or when its reservation drew on a SKU's presale
/// allowance (units sold beyond what was on hand); the order shows it.
/// </summary>
public sealed class PresaleOrderFlagTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CreateOrder_PresaleSaidOrSoldOnTheAllowance_IsAPresaleOrderAndOnlyThen(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-PF", 2);
        (await admin.PutAsJsonAsync("/api/stock/SKU-PF/settings", new StockSettingsRequest(0, 0, 5))).EnsureSuccessStatusCode();

        var said = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("PF-1", sku: "SKU-PF") with { Presale = true }, "pf-1");
        var fromStock = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("PF-2", sku: "SKU-PF"), "pf-2");
        var beyond = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("PF-3", sku: "SKU-PF", quantity: 2), "pf-3");
        var retried = await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("PF-3", sku: "SKU-PF", quantity: 2), "pf-3");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { said.StatusCode, fromStock.StatusCode, beyond.StatusCode });
        Assert.True((await said.Content.ReadFromJsonAsync<OrderDto>())!.Presale);
        Assert.False((await fromStock.Content.ReadFromJsonAsync<OrderDto>())!.Presale);
        Assert.True((await beyond.Content.ReadFromJsonAsync<OrderDto>())!.Presale);
        Assert.True((await retried.Content.ReadFromJsonAsync<OrderDto>())!.Presale);
        Assert.Equal((true, false, true), ((await admin.GetOrderAsync("own-PF-1")).Presale, (await admin.GetOrderAsync("own-PF-2")).Presale, (await admin.GetOrderAsync("own-PF-3")).Presale));

        // Unpaid, none is held: an unpaid order waits for its payment, not for goods.
        Assert.Empty((await admin.GetOrderAsync("own-PF-3")).Holds);
        await admin.AssertStockAsync("SKU-PF", (2, 4, 0, 3));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoWebhook_StepTradeStatus_MarksAPresaleOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TBP", 10);
        var presale = ChannelPayloads.Taobao(tid: "9101", sku: "SKU-TBP", num: 1)
            .Replace("\"status\": \"WAIT_SELLER_SEND_GOODS\"", "\"status\": \"WAIT_SELLER_SEND_GOODS\", \"step_trade_status\": \"FRONT_PAID_FINAL_PAID\"", StringComparison.Ordinal);

        var stepTrade = await host.PostWebhookAsync("taobao", presale);
        var plain = await host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "9102", sku: "SKU-TBP", num: 1));
        var again = await host.PostWebhookAsync("taobao", presale);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (stepTrade.StatusCode, plain.StatusCode, again.StatusCode));
        var order = await admin.GetOrderAsync("taobao-9101");
        Assert.Equal((true, "Paid"), (order.Presale, order.Status));
        Assert.False((await admin.GetOrderAsync("taobao-9102")).Presale);

        // Sold from stock, the declared presale order does not wait: it allocates like any other.
        Assert.Empty(order.Holds);
        (await admin.PostAsJsonAsync("/api/orders/taobao-9101/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        await admin.AssertStockAsync("SKU-TBP", (10, 1, 1, 8));
        await admin.AssertLedgerCleanAsync();
    }
}
