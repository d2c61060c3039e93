using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// Bad input found by probing the running service: each is a 400 (or 409) naming what is wrong, and changes nothing.
/// Before, several were a 500 after the stock had already moved.
/// </summary>
public sealed class BadInputTests
{
    private const string Nul = "\u0000";

    [Fact]
    public async Task Ship_WaybillWithNul_Is400NamingItAndNeitherStockNorOrderMoves()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.PackedOrderAsync("NUL-1");
        var before = await StockAsync(admin, "SKU-1");

        var response = await admin.PostAsJsonAsync("/api/orders/own-NUL-1/ship", new ShipRequest("SF", "A" + Nul + "B"));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "waybillNo");
        Assert.Equal("Packed", (await admin.GetOrderAsync("own-NUL-1")).Status);
        Assert.Equal(before, await StockAsync(admin, "SKU-1"));
    }

    [Fact]
    public async Task Allocate_WarehouseWithNul_Is400AndNothingIsAllocated()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.PaidOrderAsync("NUL-2");
        var before = await StockAsync(admin, "SKU-1");

        var response = await admin.PostAsJsonAsync("/api/orders/own-NUL-2/allocate", new AllocateRequest("S" + Nul + "Z"));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "warehouse");
        Assert.Equal("Paid", (await admin.GetOrderAsync("own-NUL-2")).Status);
        Assert.Equal(before, await StockAsync(admin, "SKU-1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Checkout_PhoneWithNul_Is400NamingItAndReservesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);

        var response = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("NUL-3", phone: "1381234" + Nul + "5678"));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "customer.phone");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/own-NUL-3")).StatusCode);
        Assert.Equal(0, (await StockAsync(admin, "SKU-1")).Reserved);
    }

    [Fact]
    public async Task Webhook_PhoneWithNul_Is400NamingItAndStoresNoOrder()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TB", 5);
        var body = ChannelPayloads.Taobao(tid: "778899").Replace("13812345678", "1381234\\u00005678", StringComparison.Ordinal);

        var response = await host.PostWebhookAsync("taobao", body);

        // Named as the channel mapping's field: the mapping engine refuses it before an order is built.
        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "phone");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/orders/taobao-778899")).StatusCode);
        Assert.Equal(0, (await StockAsync(admin, "SKU-TB")).Reserved);
    }

    /// <summary>
    /// An overpaid order's return: the customer's record refuses a refund above the order's amount. The refusal used
    /// to come after the units were restocked, so they were counted twice; now it comes first and nothing moves.
    /// </summary>
    [Fact]
    public async Task ReceiveReturn_RefundRefusedByTheCustomer_RestocksNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("OVER-1", unitPrice: 10m))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-OVER-1/payment", new PaymentRequest("pay-over", 1000m))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-OVER-1/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/orders/own-OVER-1/pack", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-OVER-1/ship", new ShipRequest("SF", "SF-OVER-1"))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/orders/own-OVER-1/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-OVER-1/return-requests", new ReasonRequest("too big"))).EnsureSuccessStatusCode();
        var before = await StockAsync(admin, "SKU-1");

        var refused = await admin.PostAsJsonAsync("/api/orders/own-OVER-1/returns/receive", new ReceiveReturnRequest());
        var afterRefusal = await StockAsync(admin, "SKU-1");
        var accepted = await admin.PostAsJsonAsync("/api/orders/own-OVER-1/returns/receive", new ReceiveReturnRequest(RefundAmount: 10m));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("customer.refund_exceeds_amount", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(before, afterRefusal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(("Refunded", before.OnHand + 1), ((await admin.GetOrderAsync("own-OVER-1")).Status, (await StockAsync(admin, "SKU-1")).OnHand));
    }

    [Fact]
    public async Task Payment_AmountAboveAnyOrdersTotal_Is400NamingAmount()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("BIG-1"))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/orders/own-BIG-1/payment", new PaymentRequest("pay-big", 79228162514264337593543950335m));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "amount");
        Assert.Equal("PendingPayment", (await admin.GetOrderAsync("own-BIG-1")).Status);
    }

    /// <summary>A storefront's retry without an Idempotency-Key gets its order (200); another basket under the same number is 409.</summary>
    [Fact]
    public async Task Checkout_SameNumberAgain_SameLinesIs200TheOrderAndOtherLinesIs409ChangingNothing()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 10);
        var first = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("AGAIN-1", quantity: 1));

        var retry = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("AGAIN-1", quantity: 1));
        var other = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("AGAIN-1", quantity: 3));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("own-AGAIN-1", (await retry.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        await AssertFieldAsync(other, HttpStatusCode.Conflict, null, "order.exists");
        Assert.Equal(1, (await admin.GetOrderAsync("own-AGAIN-1")).Lines.Single().Quantity);
        Assert.Equal(1, (await StockAsync(admin, "SKU-1")).Reserved);
    }

    [Theory]
    [InlineData("/api/orders?limit=abc", "limit")]
    [InlineData("/api/orders?limit=99999999999", "limit")]
    public async Task Query_ValueOfTheWrongType_Is400NamingTheParameter(string url, string field)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().GetAsync(url);

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Create_NoBody_Is400NamingTheBody()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().PostAsync("/api/orders", JsonContent.Create<object?>(null));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Approve_UnknownRoleAndLongComment_Are400NamingTheField()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("APP-1"))).EnsureSuccessStatusCode();

        var unknownRole = await admin.PostAsJsonAsync("/api/orders/own-APP-1/approve", new ApproveRequest("foo"));
        var longComment = await admin.PostAsJsonAsync("/api/orders/own-APP-1/approve", new ApproveRequest("sales", new string('x', 501)));

        await AssertFieldAsync(unknownRole, HttpStatusCode.BadRequest, "role");
        await AssertFieldAsync(longComment, HttpStatusCode.BadRequest, "comment");
    }

    [Fact]
    public async Task Merge_TheTargetItself_NamesTheRequestsField()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("MRG-1"))).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("own-MRG-1", ["own-MRG-1"]));

        await AssertFieldAsync(response, HttpStatusCode.BadRequest, "otherOrderIds");
    }

    [Fact]
    public async Task Checkout_UnitPriceAboveTheLimit_SaysTheRange()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        await host.Admin().ReceiveStockAsync("SKU-1", 5);

        var response = await host.Admin().PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("PRICE-1", unitPrice: 100_000_001m));

        var problem = await AssertFieldAsync(response, HttpStatusCode.BadRequest, "lines[0].unitPrice");
        Assert.Contains("0 to 100,000,000", string.Join(" ", problem.Errors.Values.SelectMany(v => v)) + problem.Detail, StringComparison.Ordinal);
    }

    /// <summary>A SKU with a slash is escaped in the URL (%2F), which ASP.NET Core leaves encoded in the route value.</summary>
    [Fact]
    public async Task StockOfASkuWithASlash_ReceivedThroughItsEscapedUrl_IsTheStockItsOrdersReserve()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync(Uri.EscapeDataString("TSHIRT/RED"), 3);

        var checkout = await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("SLASH-1", sku: "TSHIRT/RED", quantity: 2));
        var stock = await admin.GetFromJsonAsync<StockDto>("/api/stock/TSHIRT%2FRED");

        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        Assert.Equal(("TSHIRT/RED", 3, 2), (stock!.Sku, stock.OnHand, stock.Reserved));
        Assert.Equal("TSHIRT/RED", (await admin.GetOrderAsync("own-SLASH-1")).Lines.Single().Sku);
    }

    /// <summary>A cursor the API did not give (typed by hand, cut short) answered an empty page, as if the list had ended.</summary>
    [Fact]
    public async Task ListOrders_CursorTheApiDidNotGive_Is400WhileItsOwnCursorPages()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        foreach (var no in new[] { "CUR-1", "CUR-2", "CUR-3" })
        {
            (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(no))).EnsureSuccessStatusCode();
        }

        var first = await admin.ListOrdersAsync("limit=2");
        var second = await admin.ListOrdersAsync($"limit=2&cursor={first.NextCursor}");
        var garbage = await admin.GetAsync("/api/orders?cursor=garbage");

        Assert.Equal(["own-CUR-1", "own-CUR-2", "own-CUR-3"], first.Items.Concat(second.Items).Select(i => i.Id).Order());
        await AssertFieldAsync(garbage, HttpStatusCode.BadRequest, "cursor");
    }

    private static async Task<StockDto> StockAsync(HttpClient admin, string sku) =>
        (await admin.GetFromJsonAsync<StockDto>($"/api/stock/{sku}"))! with { Warehouses = [] };

    /// <summary>The status, and the field named (in <c>errors</c> or as <c>field</c>); returns the problem.</summary>
    private static async Task<HttpValidationProblemDetails> AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        var problem = System.Text.Json.JsonSerializer.Deserialize<HttpValidationProblemDetails>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var named = problem.Errors.Keys.Concat(problem.Extensions.TryGetValue("field", out var f) && f is not null ? [f.ToString()!] : []).ToList();
        if (field is not null)
        {
            Assert.Contains(field, named);
        }

        if (code is not null)
        {
            Assert.Equal(code, problem.Extensions["code"]?.ToString());
        }

        return problem;
    }
}
