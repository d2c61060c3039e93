using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// SKUs, warehouses, receipt and payment ids, carriers and waybills are codes: one with a control or format character (a bell, a right-to-left override that turns
/// the code around on screen, a zero-width space) is refused naming the field. The input probe received stock into a
/// warehouse named U+202E U+0007, and a warehouse once in a SKU's levels is never removed.
/// </summary>
public sealed class StockKeyInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    public static TheoryData<string> Hidden => new() { "\u0007", "\u202E", "\u200B" };

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task ReceiptAndCount_WarehouseWithAHiddenCharacter_Are400NamingItAndTheLevelsStayAsTheyWere(string hidden)
    {
        var admin = shared.Host.Admin();
        var sku = $"KEY-WH-{(int)hidden[0]:X4}";
        await admin.ReceiveStockAsync(sku, 5);
        var before = await admin.GetStringAsync($"/api/stock/{sku}");

        var receipt = await admin.PostAsJsonAsync($"/api/stock/{sku}/receipts", new StockReceiptRequest("S" + hidden + "Z", 3));
        var count = await admin.PostAsJsonAsync($"/api/stock/{sku}/counts", new StockCountRequest(hidden + "SZ", 9));

        await ProblemAssert.IsAsync(receipt, HttpStatusCode.BadRequest, "request.invalid", "warehouse");
        await ProblemAssert.IsAsync(count, HttpStatusCode.BadRequest, "request.invalid", "warehouse");
        Assert.Equal(before, await admin.GetStringAsync($"/api/stock/{sku}"));
    }

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task Receipt_SkuWithAHiddenCharacter_Is400NamingSkuAndNothingIsRecorded(string hidden)
    {
        var admin = shared.Host.Admin();
        var sku = Uri.EscapeDataString("KEY" + hidden + "SKU");

        var receipt = await admin.PostAsJsonAsync($"/api/stock/{sku}/receipts", new StockReceiptRequest("SZ", 3));

        await ProblemAssert.IsAsync(receipt, HttpStatusCode.BadRequest, "request.invalid", "sku");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/stock/KEYSKU")).StatusCode);
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task Checkout_SkuWithAHiddenCharacter_Is400NamingTheLineAndPlacesNothing(string hidden)
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("KEY-1", 5);
        var no = $"KEY-{(int)hidden[0]:X4}";

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(no, sku: "KEY-1" + hidden));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "lines[0].sku");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/orders/own-{no}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Hidden))]
    public async Task Receipt_ReceiptIdWithAHiddenCharacter_Is400NamingItAndTheLevelsStayAsTheyWere(string hidden)
    {
        var admin = shared.Host.Admin();
        var sku = $"KEY-RID-{(int)hidden[0]:X4}";
        await admin.ReceiveStockAsync(sku, 5);
        var before = await admin.GetStringAsync($"/api/stock/{sku}");

        var receipt = await admin.PostAsJsonAsync($"/api/stock/{sku}/receipts", new StockReceiptRequest("SZ", 3, "GRN" + hidden + "7"));

        await ProblemAssert.IsAsync(receipt, HttpStatusCode.BadRequest, "request.invalid", "receiptId");
        Assert.Equal(before, await admin.GetStringAsync($"/api/stock/{sku}"));
    }

    [Fact]
    public async Task PaymentAndShipping_IdsWithAHiddenCharacter_Are400NamingThemAndTheOrderStaysWhereItWas()
    {
        // Its own host: the orders are placed, paid, allocated and packed on SKU-1, which the shared host's tests share.
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("KEY-PAY", quantity: 1, unitPrice: 20m))).EnsureSuccessStatusCode();
        await admin.PackedOrderAsync("KEY-SHIP");

        foreach (var hidden in Hidden)
        {
            var payment = await admin.PostAsJsonAsync("/api/orders/own-KEY-PAY/payment", new PaymentRequest("pay" + hidden, 20m));
            var waybill = await admin.PostAsJsonAsync("/api/orders/own-KEY-SHIP/ship", new ShipRequest("SF", "SF" + hidden + "1"));
            var carrier = await admin.PostAsJsonAsync("/api/orders/own-KEY-SHIP/ship", new ShipRequest("S" + hidden + "F", "SF1"));

            await ProblemAssert.IsAsync(payment, HttpStatusCode.BadRequest, "request.invalid", "paymentId");
            await ProblemAssert.IsAsync(waybill, HttpStatusCode.BadRequest, "request.invalid", "waybillNo");
            await ProblemAssert.IsAsync(carrier, HttpStatusCode.BadRequest, "request.invalid", "carrier");
        }

        Assert.Equal("PendingPayment", (await admin.GetOrderAsync("own-KEY-PAY")).Status);
        Assert.Equal("Packed", (await admin.GetOrderAsync("own-KEY-SHIP")).Status);
    }

    [Fact]
    public async Task Receipt_WarehouseInChineseWithSpacesAround_IsTaken()
    {
        var admin = shared.Host.Admin();

        var receipt = await admin.PostAsJsonAsync("/api/stock/KEY-CN/receipts", new StockReceiptRequest(" 深圳仓 ", 2));

        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(["深圳仓"], (await admin.GetFromJsonAsync<StockDto>("/api/stock/KEY-CN"))!.Warehouses.Select(w => w.Warehouse));
    }
}
