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
/// What it does as the other entry points do is in <see cref="MergedOrderCancellationTests"/>; here, what only it does.
/// </summary>
public sealed class MergedOrderReturnRequestTests
{
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
