using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A SKU nothing was ever recorded for reads as 404 <c>stock.unknown_sku</c> (a mistyped code is noticed), while a SKU
/// that only has settings, or only a marketplace order's short reservation, is known and reads its zeros.
/// </summary>
public sealed class StockUnknownSkuTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task GetStock_SkuNothingHappenedTo_Is404NamingTheSkuAndCreatesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-UK1", 5);

        var typo = await admin.GetAsync("/api/stock/SKU-UKl");
        var settings = await admin.GetAsync("/api/stock/SKU-UKl/settings");
        var again = await admin.GetAsync("/api/stock/SKU-UKl");

        var problem = await ProblemAssert.IsAsync(typo, HttpStatusCode.NotFound, "stock.unknown_sku", "sku");
        Assert.Contains("SKU-UKl", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(settings, HttpStatusCode.NotFound, "stock.unknown_sku", "sku");
        await ProblemAssert.IsAsync(again, HttpStatusCode.NotFound, "stock.unknown_sku", "sku");
        Assert.Equal(5, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-UK1"))!.OnHand);
    }

    [Fact]
    public async Task GetStock_SkuOnlyReservedShortByAMarketplaceOrder_IsKnownWithZeros()
    {
        var admin = shared.Host.Admin();
        var webhook = await shared.Host.PostWebhookAsync("taobao", ChannelPayloads.Taobao(tid: "UK-2001", sku: "SKU-UK2", num: 2));
        webhook.EnsureSuccessStatusCode();

        var response = await admin.GetAsync("/api/stock/SKU-UK2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stock = (await response.Content.ReadFromJsonAsync<StockDto>())!;
        Assert.Equal((0, 0, 0, 0), (stock.OnHand, stock.Reserved, stock.Allocated, stock.Sellable));
        Assert.Empty(stock.Warehouses);
        var ledger = await admin.PostAsync("/api/admin/ledger/check", null);
        Assert.True((await ledger.Content.ReadFromJsonAsync<LedgerReportDto>())!.Clean);
    }

    [Fact]
    public async Task GetStock_SkuWithOnlyAPresaleAllowance_IsKnown()
    {
        var admin = shared.Host.Admin();
        (await admin.PatchAsJsonAsync("/api/stock/SKU-UK3/settings", new StockSettingsRequest(null, null, 20))).EnsureSuccessStatusCode();

        var stock = await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-UK3");

        Assert.Equal((0, 20, 20, 1), (stock!.OnHand, stock.PresaleAllowance, stock.Sellable, stock.SettingsVersion));
    }
}
