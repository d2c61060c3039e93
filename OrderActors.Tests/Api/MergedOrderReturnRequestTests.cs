using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// Customer service records a buyer's refund request (<c>POST /api/orders/{id}/return-requests</c>) for one order of a
/// merged shipment. On the merge target it cancelled every line, the other buyer's paid lines too; on a merged-in order it
/// was a 409 (status Merged). Now it reaches that order's lines only, as the same request on the channel does.
/// </summary>
public sealed class MergedOrderReturnRequestTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReturnRequest_OfOrderMergedIntoAnother_BeforePacking_TakesOutItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (_, phone) = await MergedAsync(host, admin, "13811130001");

        var request = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/return-requests", new ReasonRequest("buyer: changed my mind"));
        var again = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/return-requests", new ReasonRequest("buyer: changed my mind"));

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var gone = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Cancelled", "refund requested: buyer: changed my mind", (string?)null), (gone.Status, gone.CancelReason, gone.MergedInto));
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal("Paid", kept.Status);
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, kept.PaidAmount!.Value);
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReturnRequest_OfPackedMergeTarget_HoldsTheShipmentInsteadOfCancellingEveryLine(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await MergedAsync(host, admin, "13811130002", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);

        var request = await admin.PostAsJsonAsync($"/api/orders/{Target}/return-requests", new ReasonRequest("buyer: wrong colour"));
        var again = await admin.PostAsJsonAsync($"/api/orders/{Target}/return-requests", new ReasonRequest("buyer: wrong colour"));

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", (string?)null, 4), (held.Status, held.CancelReason, held.Lines.Sum(l => l.Quantity)));
        var hold = Assert.Single(held.Holds);
        Assert.Equal("merged_order_cancelled", hold.Code);
        Assert.Contains("take out SKU-MC1 × 2 before it ships", hold.Detail, StringComparison.Ordinal);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReturnRequest_OfOrderMergedIntoAShippedTarget_OpensAReturnOfItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (_, phone) = await MergedAsync(host, admin, "13811130003");
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMR3"))).EnsureSuccessStatusCode();

        var request = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/return-requests", new ReasonRequest("buyer: too small"));
        var returning = await admin.GetOrderAsync(MergedIn);
        var receipt = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/returns/receive", new ReceiveReturnRequest());

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal("ReturnRequested", returning.Status);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal("Refunded", (await admin.GetOrderAsync(MergedIn)).Status);
        Assert.Equal("Shipped", (await admin.GetOrderAsync(Target)).Status);
        await admin.AssertStockAsync("SKU-MC1", (8, 0, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);
    }

    /// <summary>Both buyers of a shipped merged parcel return: the target's own return first, then the merged-in order's.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ReturnRequests_OfBothOrdersOfAShippedMergedParcel_EachReturnsItsOwnLines(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (_, phone) = await MergedAsync(host, admin, "13811130004");
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMR4"))).EnsureSuccessStatusCode();

        var byTarget = await admin.PostAsJsonAsync($"/api/orders/{Target}/return-requests", new ReasonRequest("buyer 1: too big"));
        var byMergedIn = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/return-requests", new ReasonRequest("buyer 2: too small"));
        var returning = (await admin.GetOrderAsync(Target), await admin.GetOrderAsync(MergedIn));
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/returns/receive", new ReceiveReturnRequest())).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/returns/receive", new ReceiveReturnRequest())).EnsureSuccessStatusCode();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byTarget.StatusCode, byMergedIn.StatusCode));
        Assert.Equal(("ReturnRequested", "ReturnRequested"), (returning.Item1.Status, returning.Item2.Status));
        Assert.Equal(("Refunded", "Refunded"), ((await admin.GetOrderAsync(Target)).Status, (await admin.GetOrderAsync(MergedIn)).Status));
        // Every unit of the parcel back: 2 + 1 of SKU-MC1, 1 of SKU-MC2.
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 0, 10));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        await AssertRefundedAsync(host, phone, target: 199.00m, mergedIn: 199.00m);
    }
}
