using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A return is received into a warehouse the service knows (the order's, one an allocation rule names, or one its SKUs
/// have stock in); any other name is a 400 naming <c>warehouse</c> that neither refunds, restocks nor creates it.
/// </summary>
public sealed class ReturnWarehouseTests
{
    [Fact]
    public async Task ReceiveReturn_UnknownWarehouse_Is400NamingWarehouseAndChangesNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "RW-1");
        var stockBefore = await admin.GetStringAsync("/api/stock/SKU-1");
        var orderBefore = await admin.GetOrderAsync("own-RW-1");

        var response = await admin.PostAsJsonAsync("/api/orders/own-RW-1/returns/receive", new ReceiveReturnRequest("SZZ"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "order.unknown_warehouse", "warehouse");
        Assert.Contains("SZZ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(stockBefore, await admin.GetStringAsync("/api/stock/SKU-1"));
        var orderAfter = await admin.GetOrderAsync("own-RW-1");
        Assert.Equal(("ReturnRequested", orderBefore.Version), (orderAfter.Status, orderAfter.Version));
    }

    [Fact]
    public async Task ReceiveReturn_WarehouseTheSkuHasStockInOrAnAllocationRuleNames_Restocks()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "RW-2");
        await ReturnRequestedAsync(admin, "RW-3");
        (await admin.PostAsJsonAsync("/api/stock/SKU-1/counts", new StockCountRequest("RET", 0))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/rules/allocation", new { rules = new[] { new { warehouse = "GZ", provinces = new[] { "广东省" } } }, fallbackByStock = true })).EnsureSuccessStatusCode();

        var intoCounted = await admin.PostAsJsonAsync("/api/orders/own-RW-2/returns/receive", new ReceiveReturnRequest("RET"));
        var intoRuled = await admin.PostAsJsonAsync("/api/orders/own-RW-3/returns/receive", new ReceiveReturnRequest("GZ"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (intoCounted.StatusCode, intoRuled.StatusCode));
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!;
        Assert.Equal([("GZ", 1), ("RET", 1)], stock.Warehouses.Where(w => w.Warehouse != "SZ").Select(w => (w.Warehouse, w.OnHand)));
        Assert.Equal("Refunded", (await admin.GetOrderAsync("own-RW-2")).Status);
    }

    private static async Task ReturnRequestedAsync(HttpClient admin, string externalNo)
    {
        await admin.ShippedOrderAsync(externalNo);
        (await admin.PostAsync($"/api/orders/own-{externalNo}/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/return-requests", new ReasonRequest("too big"))).EnsureSuccessStatusCode();
    }
}
