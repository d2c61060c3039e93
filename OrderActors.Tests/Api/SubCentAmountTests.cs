using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// Amounts are whole cents: a payment, a refund or a line price with more than two decimal places over the API is a 400
/// naming the field and changes nothing; a marketplace's amounts are taken rounded to the cent.
/// </summary>
public sealed class SubCentAmountTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task Checkout_UnitPriceWithThreeDecimals_Is400NamingTheLineAndReservesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("CENT-1", 5);
        var request = ApiTestHostExtensions.Checkout("CENT-C1", sku: "CENT-1") with
        {
            Lines = [new OrderLineInput("CENT-1", 1, 20m), new OrderLineInput("CENT-1", 1, 9.999m)],
        };

        var response = await admin.PostAsJsonAsync("/api/orders", request);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "lines[1].unitPrice");
        Assert.Equal("https://orderactors.dev/problems/request.invalid", problem.GetProperty("type").GetString());
        Assert.Equal("must have at most 2 decimal places", problem.GetProperty("errors").GetProperty("lines[1].unitPrice")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-CENT-C1")).StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<StockDto>("/api/stock/CENT-1"))!.Reserved);
    }

    [Fact]
    public async Task Payment_AmountWithThreeDecimals_Is400NamingAmountAndTheOrderStaysUnpaid()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("CENT-2", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("CENT-P1", sku: "CENT-2", unitPrice: 20m))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-CENT-P1");

        var refused = await admin.PostAsJsonAsync("/api/orders/own-CENT-P1/payment", new PaymentRequest("pay-cent-1", 20.001m));
        var after = await admin.GetOrderAsync("own-CENT-P1");
        // Trailing zeros are still whole cents.
        var paid = await admin.PostAsJsonAsync("/api/orders/own-CENT-P1/payment", new PaymentRequest("pay-cent-1", 20.000m));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "request.invalid", "amount");
        Assert.Equal((before.Version, "PendingPayment", before.PaidAmount), (after.Version, after.Status, after.PaidAmount));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(("Paid", 20m), ((await admin.GetOrderAsync("own-CENT-P1")).Status, (await admin.GetOrderAsync("own-CENT-P1")).PaidAmount));
    }

    [Fact]
    public async Task ReceiveReturn_RefundWithThreeDecimals_Is400NamingRefundAmountAndNothingIsRestockedOrRefunded()
    {
        var admin = shared.Host.Admin();
        await admin.ShippedOrderAsync("CENT-R1");
        (await admin.PostAsync("/api/orders/own-CENT-R1/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-CENT-R1/return-requests", new ReasonRequest("too small"))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-CENT-R1");
        var stockBefore = await admin.GetStringAsync("/api/stock/SKU-1");

        var refused = await admin.PostAsJsonAsync("/api/orders/own-CENT-R1/returns/receive", new ReceiveReturnRequest(RefundAmount: 10.005m));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "request.invalid", "refundAmount");
        var after = await admin.GetOrderAsync("own-CENT-R1");
        Assert.Equal((before.Version, "ReturnRequested", before.RefundAmount), (after.Version, after.Status, after.RefundAmount));
        Assert.Equal(stockBefore, await admin.GetStringAsync("/api/stock/SKU-1"));
    }

    [Fact]
    public async Task TaobaoWebhook_AmountsWithThreeDecimals_IsStoredRoundedToTheCent()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-CENT-TB", 5);
        var body = ChannelPayloads.Taobao(tid: "1122334455", sku: "SKU-CENT-TB")
            .Replace("\"199.00\"", "\"199.005\"", StringComparison.Ordinal)
            .Replace("\"99.50\"", "\"99.504\"", StringComparison.Ordinal);

        var response = await shared.Host.PostWebhookAsync("taobao", body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await admin.GetOrderAsync("taobao-1122334455");
        Assert.Equal((199.01m, 99.50m), (order.PaidAmount, Assert.Single(order.Lines).UnitPrice));
    }
}
