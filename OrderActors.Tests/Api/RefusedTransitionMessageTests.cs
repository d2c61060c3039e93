using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// A refused step answered "Cannot ship an order that is Allocated." and no more: the answer now says where the order
/// stands and what moves it on (pack it first; a refund request for a shipped order; the orders a merge went into).
/// </summary>
public sealed class RefusedTransitionMessageTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    [Fact]
    public async Task Ship_AnAllocatedOrder_SaysToPackItFirstAndChangesNothing()
    {
        var admin = shared.Host.Admin();
        await admin.PaidOrderAsync("MSG-1");
        (await admin.PostAsJsonAsync("/api/orders/own-MSG-1/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-MSG-1");

        var ship = await admin.PostAsJsonAsync("/api/orders/own-MSG-1/ship", new ShipRequest("SF", "SFMSG1"));

        var problem = await ProblemAssert.IsAsync(ship, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Equal(
            $"Cannot ship an order that is Allocated. It is allocated to {before.Warehouse} and not yet packed: pack it first.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before.Version, (await admin.GetOrderAsync("own-MSG-1")).Version);
    }

    [Fact]
    public async Task Cancel_AShippedOrder_SaysARefundRequestOpensAReturn()
    {
        var admin = shared.Host.Admin();
        await admin.ShippedOrderAsync("MSG-2");

        var cancel = await admin.PostAsJsonAsync("/api/orders/own-MSG-2/cancel", new ReasonRequest("buyer changed mind"));

        var problem = await ProblemAssert.IsAsync(cancel, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Equal("Cannot cancel an order that is Shipped. It has shipped: a refund request opens a return.", problem.GetProperty("detail").GetString());
        Assert.Equal("Shipped", (await admin.GetOrderAsync("own-MSG-2")).Status);
    }

    [Fact]
    public async Task Pack_AnOrderMergedIntoAnother_NamesTheOrderToActOn()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-MSG-3", 5);
        foreach (var no in new[] { "MSG-3A", "MSG-3B" })
        {
            (await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout(no, "SKU-MSG-3", phone: "13812340003"), no)).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync($"/api/orders/own-{no}/payment", new PaymentRequest("pay-" + no, 20m))).EnsureSuccessStatusCode();
        }

        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("own-MSG-3A", ["own-MSG-3B"]))).EnsureSuccessStatusCode();
        var pack = await admin.PostAsJsonAsync("/api/orders/own-MSG-3B/pack", new { });

        var problem = await ProblemAssert.IsAsync(pack, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Equal("Cannot pack an order that is Merged. It was merged into own-MSG-3A: act on that order.", problem.GetProperty("detail").GetString());
    }
}
