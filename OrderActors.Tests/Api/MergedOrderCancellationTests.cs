using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// A buyer's cancellation of one order of a merged shipment, whichever way it comes (the marketplace closing the trade,
/// a person's cancellation, a refund request): only that buyer's lines come out, the other buyer's lines still ship.
/// Each scenario is written once and run per entry point that takes it; what only one entry point does (a person's
/// refusal once packed, a redelivery after a lost answer, both buyers returning) is in
/// <see cref="MergedOrderChannelCancellationTests"/>, <see cref="MergedOrderStaffCancellationTests"/> and
/// <see cref="MergedOrderReturnRequestTests"/>.
/// </summary>
public sealed class MergedOrderCancellationTests
{
    private static readonly MergedOrderCancelEntry[] All = [MergedOrderCancelEntry.Channel, MergedOrderCancelEntry.Staff, MergedOrderCancelEntry.RefundRequest];

    /// <summary>Every entry point, with the target paid and with it allocated.</summary>
    public static TheoryData<string, MergedOrderCancelEntry, bool> EveryEntryTargetPaidOrAllocated
    {
        get
        {
            var cases = new TheoryData<string, MergedOrderCancelEntry, bool>();
            foreach (var (provider, entry) in Cases(All))
            {
                cases.Add(provider, entry, false);
                cases.Add(provider, entry, true);
            }

            return cases;
        }
    }

    public static TheoryData<string, MergedOrderCancelEntry> EveryEntry => ToTheoryData(Cases(All));

    /// <summary>The buyer's own ways: a person's cancellation is refused once packed (as any packed order's), in its own tests.</summary>
    public static TheoryData<string, MergedOrderCancelEntry> BuyerEntries => ToTheoryData(Cases([MergedOrderCancelEntry.Channel, MergedOrderCancelEntry.RefundRequest]));

    [Theory]
    [MemberData(nameof(EveryEntryTargetPaidOrAllocated))]
    public async Task Cancel_OfOrderMergedIntoAnother_BeforePacking_TakesOutItsLinesOnly(string provider, MergedOrderCancelEntry entry, bool targetAllocated)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811110001");
        if (targetAllocated)
        {
            (await admin.PostAsJsonAsync($"/api/orders/{Target}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        }

        var cancel = await CancelAsync(host, admin, entry, MergedIn, merged);
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await CancelAsync(host, admin, entry, MergedIn, merged, attempt: 2);

        await AssertAcceptedAsync(entry, MergedIn, cancel, again);
        var gone = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Cancelled", ReasonOf(entry), (string?)null), (gone.Status, gone.CancelReason, gone.MergedInto));
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal(("Paid", (string?)null), (kept.Status, kept.Warehouse));
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal((199.00m, 199.00m), (kept.TotalAmount!.Value, kept.PaidAmount!.Value));
        Assert.Empty(kept.MergedFrom);
        Assert.Equal([MergedIn], kept.UnmergedFrom);
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        string[] allocated = targetAllocated ? ["order.allocated"] : [];
        Assert.Equal(["order.placed", "order.paid", "order.merged", .. allocated, "order.unmerged"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from", "order.cancelled"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);

        // The target ships what is left: its own lines, from its own stock, allocated anew.
        await admin.AllocateAndPackAsync(Target);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 2, 8));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(EveryEntry))]
    public async Task Cancel_OfMergeTarget_BeforePacking_GivesTheMergedOrderItsLinesBack(string provider, MergedOrderCancelEntry entry)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, phone) = await MergedAsync(host, admin, "13811110002", cancelTarget: true);

        var cancel = await CancelAsync(host, admin, entry, Target, target);
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await CancelAsync(host, admin, entry, Target, target, attempt: 2);

        await AssertAcceptedAsync(entry, Target, cancel, again);
        var gone = await admin.GetOrderAsync(Target);
        Assert.Equal(("Cancelled", ReasonOf(entry)), (gone.Status, gone.CancelReason));
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
        var restoredBy = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{MergedIn}/history"))!.Single(h => h.Type == "order.unmerged_from");
        Assert.Equal(("Merged", "Paid", $"{Target} {ReasonOf(entry)}"), (restoredBy.FromStatus, restoredBy.ToStatus, restoredBy.Reason));
        await AssertRefundedAsync(host, phone, target: 199.00m, mergedIn: 0m);

        // The merged-in order is an order of its own again and ships.
        await admin.AllocateAndPackAsync(MergedIn);
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(BuyerEntries))]
    public async Task Cancel_OfPackedMergeTarget_HoldsTheShipmentNamingItsOwnLines(string provider, MergedOrderCancelEntry entry)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, _) = await MergedAsync(host, admin, "13811110006", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);

        var cancel = await CancelAsync(host, admin, entry, Target, target);
        var again = await CancelAsync(host, admin, entry, Target, target, attempt: 2);
        var ship = await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC6"));

        await AssertAcceptedAsync(entry, Target, cancel, again);
        Assert.Equal(HttpStatusCode.Conflict, ship.StatusCode);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", (string?)null, 4), (held.Status, held.CancelReason, held.Lines.Sum(l => l.Quantity)));
        var hold = Assert.Single(held.Holds);
        Assert.Equal("merged_order_cancelled", hold.Code);
        Assert.Contains("This order's own buyer cancelled", hold.Detail, StringComparison.Ordinal);
        Assert.Contains("take out SKU-MC1 × 2 before it ships", hold.Detail, StringComparison.Ordinal);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(BuyerEntries))]
    public async Task Cancel_OfOrderMergedIntoAShippedTarget_OpensAReturnOfItsLinesOnly(string provider, MergedOrderCancelEntry entry)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811110005");
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC5"))).EnsureSuccessStatusCode();

        var cancel = await CancelAsync(host, admin, entry, MergedIn, merged);
        var again = await CancelAsync(host, admin, entry, MergedIn, merged, attempt: 2);
        var returning = await admin.GetOrderAsync(MergedIn);
        var receipt = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/returns/receive", new ReceiveReturnRequest());

        await AssertAcceptedAsync(entry, MergedIn, cancel, again);
        Assert.Equal(("ReturnRequested", ReasonOf(entry)), (returning.Status, returning.ReturnReason));
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var refunded = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Refunded", "SZ"), (refunded.Status, refunded.Warehouse));
        Assert.Equal("Shipped", (await admin.GetOrderAsync(Target)).Status);

        // Only the merged-in order's units come back: 3 + 1 shipped, 1 + 1 received.
        await admin.AssertStockAsync("SKU-MC1", (8, 0, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);
    }

    /// <summary>Each entry point on each database.</summary>
    private static IEnumerable<(string Provider, MergedOrderCancelEntry Entry)> Cases(MergedOrderCancelEntry[] entries) =>
        from object[] row in TestDatabases.Providers
        from entry in entries
        select ((string)row[0], entry);

    private static TheoryData<string, MergedOrderCancelEntry> ToTheoryData(IEnumerable<(string Provider, MergedOrderCancelEntry Entry)> cases)
    {
        var data = new TheoryData<string, MergedOrderCancelEntry>();
        foreach (var (provider, entry) in cases)
        {
            data.Add(provider, entry);
        }

        return data;
    }
}
