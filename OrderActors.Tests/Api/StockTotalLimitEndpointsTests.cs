using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// The probe that found the SKU total overflowing: 22 warehouses of 100,000,000 each pass the per-warehouse limit but
/// not the SKU's. Every change past the total answers 400 naming its field and leaves the stock as it was.
/// </summary>
public sealed class StockTotalLimitEndpointsTests
{
    private const int FullWarehouse = 100_000_000;

    [Fact]
    public async Task ReceiptCountAndPresale_PastTheSkuTotal_AnswerBadRequestNamingTheFieldAndChangeNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        for (var i = 1; i <= 21; i++)
        {
            await admin.ReceiveStockAsync("OVF", FullWarehouse, warehouse: $"W{i}");
        }

        var before = await admin.GetStringAsync("/api/stock/OVF");

        var receipt = await admin.PostAsJsonAsync("/api/stock/OVF/receipts", new StockReceiptRequest("W22", FullWarehouse));
        var count = await admin.PostAsJsonAsync("/api/stock/OVF/counts", new StockCountRequest("W23", FullWarehouse));
        var presale = await admin.PutAsJsonAsync("/api/stock/OVF/settings", new StockSettingsRequest(0, 0, FullWarehouse));

        await AssertRefusedAsync(receipt, "quantity");
        await AssertRefusedAsync(count, "onHand");
        await AssertRefusedAsync(presale, "presaleAllowance");
        var after = await admin.GetStringAsync("/api/stock/OVF");
        Assert.Equal(before, after);
        using var stock = JsonDocument.Parse(after);
        Assert.Equal(21 * FullWarehouse, stock.RootElement.GetProperty("onHand").GetInt32());
        Assert.Equal(21 * FullWarehouse, stock.RootElement.GetProperty("sellable").GetInt32());
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal("stock.total_too_large", ((JsonElement)problem.Extensions["code"]!).GetString());
        Assert.Equal(field, ((JsonElement)problem.Extensions["field"]!).GetString());
    }
}
