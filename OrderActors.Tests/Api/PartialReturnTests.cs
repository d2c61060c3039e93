using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A return received with <c>lines</c> restocks the units that came back, not every unit shipped, and refunds their share
/// of the payment unless told an amount. Before, any receipt restocked the whole order: a buyer sending back one cup of
/// two (or a broken one) put both back on the shelf's count, and the next orders sold units the shelf did not have.
/// </summary>
public sealed class PartialReturnTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReceiveReturn_OneUnitOfOneLineBack_RestocksOnlyItAndRefundsItsShare(string provider)
    {
        var first = await ApiTestHost.StartAsync(provider);
        var admin = first.Admin();
        await ReturnRequestedAsync(admin, "PR-1");

        var response = await admin.PostAsJsonAsync("/api/orders/own-PR-1/returns/receive", new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 1)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(("Refunded", 12.5m), (received.Status, received.RefundAmount));
        Assert.Equal([new ReturnedLineDto("CUP-PR", 1), new ReturnedLineDto("TEA-PR", 0)], received.ReturnedLines);
        await admin.AssertStockAsync("CUP-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertLedgerCleanAsync();
        await first.DisposeAsync();
        await using var second = first.Restart();
        var again = await second.Admin().GetOrderAsync("own-PR-1");
        Assert.Equal([new ReturnedLineDto("CUP-PR", 1), new ReturnedLineDto("TEA-PR", 0)], again.ReturnedLines);
    }

    [Fact]
    public async Task ReceiveReturn_NoLines_RestocksEveryUnitAndRefundsThePayment()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "PR-2");

        var received = (await (await admin.PostAsJsonAsync("/api/orders/own-PR-2/returns/receive", new ReceiveReturnRequest())).Content.ReadFromJsonAsync<OrderDto>())!;

        Assert.Equal(("Refunded", 55m), (received.Status, received.RefundAmount));
        Assert.Equal([new ReturnedLineDto("CUP-PR", 2), new ReturnedLineDto("TEA-PR", 1)], received.ReturnedLines);
        await admin.AssertStockAsync("CUP-PR", (OnHand: 10, Reserved: 0, Allocated: 0, Sellable: 10));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 10, Reserved: 0, Allocated: 0, Sellable: 10));
    }

    [Fact]
    public async Task ReceiveReturn_NothingSellableBackWithAnAmount_RestocksNothingAndRefundsTheAmount()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "PR-3");

        var received = (await (await admin.PostAsJsonAsync("/api/orders/own-PR-3/returns/receive", new ReceiveReturnRequest(RefundAmount: 25m, Lines: []))).Content.ReadFromJsonAsync<OrderDto>())!;

        Assert.Equal(("Refunded", 25m), (received.Status, received.RefundAmount));
        await admin.AssertStockAsync("CUP-PR", (OnHand: 8, Reserved: 0, Allocated: 0, Sellable: 8));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [InlineData("CUP-PR", 3, "lines[0].quantity")]
    [InlineData("CUP-PR", -1, "lines[0].quantity")]
    [InlineData("POT-PR", 1, "lines[0].sku")]
    public async Task ReceiveReturn_LineThatCannotHaveComeBack_Is400NamingItAndChangesNothing(string sku, int quantity, string field)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "PR-4");
        var before = await admin.GetOrderAsync("own-PR-4");

        var response = await admin.PostAsJsonAsync("/api/orders/own-PR-4/returns/receive", new ReceiveReturnRequest(Lines: [new ReturnLineInput(sku, quantity)]));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, quantity < 0 ? "request.invalid" : "validation.out_of_range", field);
        Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
        var after = await admin.GetOrderAsync("own-PR-4");
        Assert.Equal(("ReturnRequested", before.Version, (decimal?)null), (after.Status, after.Version, after.RefundAmount));
        await admin.AssertStockAsync("CUP-PR", (OnHand: 8, Reserved: 0, Allocated: 0, Sellable: 8));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
    }

    [Fact]
    public async Task ReceiveReturn_AgainWithOtherUnitsOrRefund_Is409SayingWhatWasReceivedAndARetryIs200()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await ReturnRequestedAsync(admin, "PR-5");
        var oneCup = new ReceiveReturnRequest(Lines: [new ReturnLineInput("CUP-PR", 1)]);
        (await admin.PostAsJsonAsync("/api/orders/own-PR-5/returns/receive", oneCup)).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-PR-5");

        var moreMoney = await admin.PostAsJsonAsync("/api/orders/own-PR-5/returns/receive", new ReceiveReturnRequest(RefundAmount: 55m));
        var secondParcel = await admin.PostAsJsonAsync("/api/orders/own-PR-5/returns/receive", new ReceiveReturnRequest(Lines: [new ReturnLineInput("TEA-PR", 1)]));
        var retry = await admin.PostAsJsonAsync("/api/orders/own-PR-5/returns/receive", oneCup);
        var plain = await admin.PostAsJsonAsync("/api/orders/own-PR-5/returns/receive", new ReceiveReturnRequest(RefundAmount: 12.5m));

        var problem = await ProblemAssert.IsAsync(moreMoney, HttpStatusCode.Conflict, "order.return_received", null);
        Assert.Contains("1 × CUP-PR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(secondParcel, HttpStatusCode.Conflict, "order.return_received", null);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retry.StatusCode, plain.StatusCode));
        var after = await admin.GetOrderAsync("own-PR-5");
        Assert.Equal((before.Version, 12.5m), (after.Version, after.RefundAmount));
        await admin.AssertStockAsync("CUP-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
        await admin.AssertStockAsync("TEA-PR", (OnHand: 9, Reserved: 0, Allocated: 0, Sellable: 9));
    }

    /// <summary>Receives 10 × CUP-PR and 10 × TEA-PR, then ships <c>own-{externalNo}</c> (2 cups at 12.50, 1 tea at 30, paid 55), delivers it and opens its return.</summary>
    internal static async Task ReturnRequestedAsync(HttpClient admin, string externalNo)
    {
        await admin.ReceiveStockAsync("CUP-PR", 10);
        await admin.ReceiveStockAsync("TEA-PR", 10);
        var checkout = ApiTestHostExtensions.Checkout(externalNo) with { Lines = [new OrderLineInput("CUP-PR", 2, 12.5m), new OrderLineInput("TEA-PR", 1, 30m)] };
        (await admin.PostAsJsonAsync("/api/orders", checkout)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/payment", new PaymentRequest("pay-" + externalNo, 55m))).EnsureSuccessStatusCode();
        await admin.AllocateAndPackAsync($"own-{externalNo}");
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/ship", new ShipRequest("SF", "SF" + externalNo))).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/orders/own-{externalNo}/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/return-requests", new ReasonRequest("one cup broken"))).EnsureSuccessStatusCode();
    }
}
