using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// A person cancels over the API (<c>POST /api/orders/{id}/cancel</c>) one order of a merged shipment. A cancelled target
/// used to cancel every line, the merged-in buyers' paid lines too, and a merged-in order could not be cancelled at all
/// (409, status Merged). Now it does what the buyer's cancellation on the channel does before packing (un-merge); once
/// the shipment is packed it is refused, as the cancellation of a packed order is, saying what to do instead.
/// What it does as the other entry points do is in <see cref="MergedOrderCancellationTests"/>; here, what only it does.
/// </summary>
public sealed class MergedOrderStaffCancellationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaffCancel_OfOrderMergedIntoPackedOrShippedTarget_Is409SayingWhatToDoAndChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await MergedAsync(host, admin, "13811120003");
        await admin.AllocateAndPackAsync(Target);
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));

        var packed = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/cancel", new ReasonRequest("buyer called"));

        var problem = await ProblemAssert.IsAsync(packed, HttpStatusCode.Conflict, "order.invalid_transition", null);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"merged into '{Target}', which is Packed", detail, StringComparison.Ordinal);
        Assert.Contains("SKU-MC1 × 1, SKU-MC2 × 1", detail, StringComparison.Ordinal);
        Assert.Contains("cancellation on the channel", detail, StringComparison.Ordinal);
        var target = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", 4), (target.Status, target.Lines.Sum(l => l.Quantity)));
        Assert.Empty(target.Holds);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));

        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFSC3"))).EnsureSuccessStatusCode();
        var shipped = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/cancel", new ReasonRequest("buyer called"));

        problem = await ProblemAssert.IsAsync(shipped, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Contains($"merged into '{Target}', which is Shipped", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
    }

    /// <summary>As for any packed order: refused, and the merged-in buyer's lines are not touched.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaffCancel_OfPackedMergeTarget_Is409AsForAnyPackedOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await MergedAsync(host, admin, "13811120004", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);

        var cancel = await admin.PostAsJsonAsync($"/api/orders/{Target}/cancel", new ReasonRequest("buyer called"));

        await ProblemAssert.IsAsync(cancel, HttpStatusCode.Conflict, "order.invalid_transition", null);
        Assert.Equal("Packed", (await admin.GetOrderAsync(Target)).Status);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertLedgerCleanAsync();
    }
}
