using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A return receipt says per line how many units came back damaged: those are not restocked, and the order records them
/// (returned lines, history). Broken goods were recorded nowhere: left out of <c>lines</c>, they looked like goods the
/// buyer kept; counted in, they went back on the shelf's count and the next orders sold them.
/// </summary>
public sealed class DamagedReturnTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReceiveReturn_WithDamagedUnits_RestocksOnlyTheSoundOnesRecordsTheDamagedAndRefundsEveryUnitBack(string provider)
    {
        var first = await ApiTestHost.StartAsync(provider);
        var admin = first.Admin();
        await PartialReturnTests.ReturnRequestedAsync(admin, "DR-1");

        var response = await admin.PostAsJsonAsync(
            "/api/orders/own-DR-1/returns/receive",
            new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 2, Damaged: 1), new ReturnLineInput("TEA-PR", 1)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(("Refunded", 55m), (received.Status, received.RefundAmount));
        Assert.Equal([new ReturnedLineDto("CUP-PR", 2, 1), new ReturnedLineDto("TEA-PR", 1, 0)], received.ReturnedLines);
        await admin.AssertStockAsync("CUP-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 10, Reserved: 0, Allocated: 0, Sellable: 10));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["own-DR-1"], (await admin.ListOrdersAsync("damaged=true")).Items.Select(o => o.Id));
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-DR-1/history"))!;
        var receipt = Assert.Single(history, h => h.Type == "order.returned");
        Assert.Equal("damaged, not restocked: 1 × CUP-PR", receipt.Reason);
        Assert.Equal([new FieldChangeDto("damaged", null, "1 × CUP-PR")], receipt.Changes);
        var warehouse = await first.WithRolesAsync("warehouse");
        Assert.Equal("damaged, not restocked: 1 × CUP-PR", Assert.Single((await warehouse.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/own-DR-1/history"))!, h => h.Type == "order.returned").Reason);
        await first.DisposeAsync();
        await using var second = first.Restart();
        var again = await second.Admin().GetOrderAsync("own-DR-1");
        Assert.Equal([new ReturnedLineDto("CUP-PR", 2, 1), new ReturnedLineDto("TEA-PR", 1, 0)], again.ReturnedLines);
    }

    [Theory]
    [InlineData(3, "validation.out_of_range")]
    [InlineData(-1, "request.invalid")]
    public async Task ReceiveReturn_MoreDamagedThanCameBackOrNegative_Is400NamingDamagedAndChangesNothing(int damaged, string code)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await PartialReturnTests.ReturnRequestedAsync(admin, "DR-2");
        var before = await admin.GetOrderAsync("own-DR-2");

        var response = await admin.PostAsJsonAsync("/api/orders/own-DR-2/returns/receive", new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 2, damaged)]));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, code, "lines[0].damaged");
        Assert.Contains("lines[0].damaged", problem.GetRawText(), StringComparison.Ordinal);
        var after = await admin.GetOrderAsync("own-DR-2");
        Assert.Equal(("ReturnRequested", before.Version, (decimal?)null), (after.Status, after.Version, after.RefundAmount));
        await admin.AssertStockAsync("CUP-PR", (OnHand: 8, Reserved: 0, Allocated: 0, Sellable: 8));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Fact]
    public async Task ReceiveReturn_AgainWithoutTheDamage_Is409SayingWhatWasDamagedTheSameReceiptIs200AndOnlyItIsListedDamaged()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await PartialReturnTests.ReturnRequestedAsync(admin, "DR-3");
        var receipt = new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 1, Damaged: 1)]);
        (await admin.PostAsJsonAsync("/api/orders/own-DR-3/returns/receive", receipt)).EnsureSuccessStatusCode();
        await admin.PaidOrderAsync("DR-3-OTHER");
        var before = await admin.GetOrderAsync("own-DR-3");

        var retry = await admin.PostAsJsonAsync("/api/orders/own-DR-3/returns/receive", receipt);
        var sound = await admin.PostAsJsonAsync("/api/orders/own-DR-3/returns/receive", new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 1)]));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["own-DR-3"], (await admin.ListOrdersAsync("damaged=true")).Items.Select(o => o.Id));
        var problem = await ProblemAssert.IsAsync(sound, HttpStatusCode.Conflict, "order.return_received", null);
        Assert.Contains("1 × CUP-PR (1 damaged)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await admin.GetOrderAsync("own-DR-3")).Version);
        await admin.AssertStockAsync("CUP-PR", (OnHand: 8, Reserved: 0, Allocated: 0, Sellable: 8));
    }
}
