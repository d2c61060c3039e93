using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// The merge target's own address changes (a person's edit over the API, or the buyer's update of the target order on
/// the marketplace). It used to take the merged-in orders' goods with it, though their buyers placed them to the old
/// address. Before packing the merged-in orders now leave the merge and keep their address; once packed the target's
/// hold names their lines for a person.
/// </summary>
public sealed class MergeTargetAddressChangeTests
{
    private const string OldDetail = "文三路 100 号";
    private const string NewDetail = "文一西路 969 号";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task StaffAddressEdit_OfPaidMergeTarget_UnmergesTheMergedInOrderAtItsOwnAddress(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await MergedAsync(host, admin, "13811140001");
        var edit = new AddressPatchRequest(null, null, null, NewDetail, "buyer called: M1 goes to the office");

        var changed = await admin.PatchAsJsonAsync($"/api/orders/{Target}/address", edit);
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await admin.PatchAsJsonAsync($"/api/orders/{Target}/address", edit);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (changed.StatusCode, again.StatusCode));
        await AssertUnmergedAsync(admin);
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.unmerged", "order.address_changed"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
        await AssertEachShipsOnItsOwnAsync(admin);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfAllocatedMergeTarget_UnmergesTheMergedInOrderAtItsOwnAddress(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, _) = await MergedAsync(host, admin, "13811140002", cancelTarget: true);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Modified(target, "2026-11-21 11:00:00", NewDetail), deliveryId: "mt-2");
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await host.PostWebhookAsync("taobao", Modified(target, "2026-11-21 11:00:00", NewDetail), deliveryId: "mt-2-again");

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(Target, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await AssertUnmergedAsync(admin);
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.allocated", "order.unmerged", "order.address_changed_on_channel"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
        await AssertEachShipsOnItsOwnAsync(admin);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfPackedMergeTarget_HoldsItNamingTheMergedInLines(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, _) = await MergedAsync(host, admin, "13811140003", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);

        var change = await host.PostWebhookAsync("taobao", Modified(target, "2026-11-21 11:00:00", NewDetail), deliveryId: "mt-3");
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await host.PostWebhookAsync("taobao", Modified(target, "2026-11-21 11:00:00", NewDetail), deliveryId: "mt-3-again");
        var ship = await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMT3"));

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(Target, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await ProblemAssert.IsAsync(ship, HttpStatusCode.Conflict, "order.on_hold", null);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", NewDetail, 4), (held.Status, held.Address.Detail, held.Lines.Sum(l => l.Quantity)));
        Assert.Equal([MergedIn], held.MergedFrom);
        var hold = Assert.Single(held.Holds);
        Assert.Equal("address_changed_on_channel", hold.Code);
        Assert.Contains("relabel the parcel", hold.Detail, StringComparison.Ordinal);
        Assert.Contains($"{MergedIn} (SKU-MC1 × 1, SKU-MC2 × 1)", hold.Detail, StringComparison.Ordinal);
        var mergedIn = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Merged", Target, OldDetail), (mergedIn.Status, mergedIn.MergedInto, mergedIn.Address.Detail));
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["order.address_changed_on_channel", "order.hold_opened"], histories.Item1[^2..]);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfShippedMergeTarget_IsOnlyRecorded(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, _) = await MergedAsync(host, admin, "13811140004", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMT4"))).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Modified(target, "2026-11-21 11:00:00", NewDetail));

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        var shipped = await admin.GetOrderAsync(Target);
        Assert.Equal(("Shipped", OldDetail), (shipped.Status, shipped.Address.Detail));
        Assert.Empty(shipped.Holds);
        Assert.Equal(("Merged", Target), ((await admin.GetOrderAsync(MergedIn)).Status, (await admin.GetOrderAsync(MergedIn)).MergedInto));
        Assert.Equal("order.address_changed_on_channel", (await HistoryAsync(admin, Target))[^1]);
        await admin.AssertLedgerCleanAsync();
    }

    /// <summary>The target goes to the new address with its own line and payment; the merged-in order is paid, unallocated and unheld at the old one.</summary>
    private static async Task AssertUnmergedAsync(HttpClient admin)
    {
        var target = await admin.GetOrderAsync(Target);
        Assert.Equal(("Paid", (string?)null, NewDetail), (target.Status, target.Warehouse, target.Address.Detail));
        Assert.Equal([("SKU-MC1", 2)], target.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal((199.00m, 199.00m), (target.TotalAmount!.Value, target.PaidAmount!.Value));
        Assert.Empty(target.MergedFrom);
        Assert.Equal([MergedIn], target.UnmergedFrom);
        Assert.Empty(target.Holds);
        var own = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Paid", (string?)null, OldDetail), (own.Status, own.MergedInto, own.Address.Detail));
        Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], own.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, own.PaidAmount!.Value);
        Assert.Empty(own.Holds);
        await admin.AssertStockAsync("SKU-MC1", (10, 3, 0, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 1, 0, 9));
        await admin.AssertLedgerCleanAsync();
    }

    private static async Task AssertEachShipsOnItsOwnAsync(HttpClient admin)
    {
        await admin.AllocateAndPackAsync(Target);
        await admin.AllocateAndPackAsync(MergedIn);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }
}
