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
/// </summary>
public sealed class MergedOrderStaffCancellationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaffCancel_OfMergeTarget_BeforePacking_GivesTheMergedOrderItsLinesBack(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (_, phone) = await MergedAsync(host, admin, "13811120001", cancelTarget: true);

        var cancel = await admin.PostAsJsonAsync($"/api/orders/{Target}/cancel", new ReasonRequest("buyer called: wrong size"));
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await admin.PostAsJsonAsync($"/api/orders/{Target}/cancel", new ReasonRequest("buyer called: wrong size"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var gone = await admin.GetOrderAsync(Target);
        Assert.Equal(("Cancelled", "buyer called: wrong size"), (gone.Status, gone.CancelReason));
        Assert.Equal([("SKU-MC1", 2)], gone.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, gone.PaidAmount!.Value);
        Assert.Equal([MergedIn], gone.UnmergedFrom);
        var restored = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Paid", (string?)null), (restored.Status, restored.MergedInto));
        Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], restored.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, restored.PaidAmount!.Value);
        await admin.AssertStockAsync("SKU-MC1", (10, 1, 0, 9));
        await admin.AssertStockAsync("SKU-MC2", (10, 1, 0, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.unmerged", "order.cancelled"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
        await AssertRefundedAsync(host, phone, target: 199.00m, mergedIn: 0m);

        // The merged-in order is an order of its own again and ships.
        await admin.AllocateAndPackAsync(MergedIn);
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaffCancel_OfOrderMergedIntoAnother_AfterTargetAllocated_TakesOutItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (_, phone) = await MergedAsync(host, admin, "13811120002");
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();

        var cancel = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/cancel", new ReasonRequest("buyer called: not needed"));
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/cancel", new ReasonRequest("buyer called: not needed"));

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var gone = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Cancelled", "buyer called: not needed", (string?)null), (gone.Status, gone.CancelReason, gone.MergedInto));
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal(("Paid", (string?)null), (kept.Status, kept.Warehouse));
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal((199.00m, 199.00m), (kept.TotalAmount!.Value, kept.PaidAmount!.Value));
        Assert.Equal([MergedIn], kept.UnmergedFrom);
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.allocated", "order.unmerged"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from", "order.cancelled"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);

        // The target ships what is left, allocated anew.
        await admin.AllocateAndPackAsync(Target);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 2, 8));
        await admin.AssertLedgerCleanAsync();
    }

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
