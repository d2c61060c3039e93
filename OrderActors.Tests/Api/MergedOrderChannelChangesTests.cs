using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// The buyer of an order merged into another changes its address, or is refunded in part, on the marketplace. Both were
/// only recorded on the merged-in order, while its goods went on to ship in the target's parcel, to the old address and
/// in full. A merge holds one buyer's orders to one address: a new address takes the order out of it before packing
/// (it ships on its own, to the new address), and holds the target for a person once packed; a partial refund holds the
/// target, naming the order, as it holds an order of its own.
/// </summary>
public sealed class MergedOrderChannelChangesTests
{
    private const string NewDetail = "文一西路 969 号";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfOrderMergedIntoAllocatedTarget_UnmergesItToShipOnItsOwn(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811130001");
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail), deliveryId: "ma-1");
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail), deliveryId: "ma-1-again");

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var own = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Paid", (string?)null, NewDetail), (own.Status, own.MergedInto, own.Address.Detail));
        Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], own.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, own.PaidAmount!.Value);
        Assert.Empty(own.Holds);
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal(("Paid", (string?)null, "文三路 100 号"), (kept.Status, kept.Warehouse, kept.Address.Detail));
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal((199.00m, 199.00m), (kept.TotalAmount!.Value, kept.PaidAmount!.Value));
        Assert.Empty(kept.MergedFrom);
        Assert.Equal([MergedIn], kept.UnmergedFrom);
        await admin.AssertStockAsync("SKU-MC1", (10, 3, 0, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 1, 0, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.allocated", "order.unmerged"], histories.Item1);
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from", "order.address_changed_on_channel"], histories.Item2);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));

        // Each is allocated and packed on its own.
        await admin.AllocateAndPackAsync(Target);
        await admin.AllocateAndPackAsync(MergedIn);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfOrderMergedIntoPackedTarget_HoldsTheTargetNamingTheOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811130002");
        await admin.AllocateAndPackAsync(Target);

        var change = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail), deliveryId: "ma-2");
        var histories = (await HistoryAsync(admin, Target), await HistoryAsync(admin, MergedIn));
        var again = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail), deliveryId: "ma-2-again");
        var ship = await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMA2"));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await ProblemAssert.IsAsync(ship, HttpStatusCode.Conflict, "order.on_hold", null);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", 4), (held.Status, held.Lines.Sum(l => l.Quantity)));
        var hold = Assert.Single(held.Holds);
        Assert.Equal("address_changed_on_channel", hold.Code);
        Assert.Contains(MergedIn, hold.Detail, StringComparison.Ordinal);
        Assert.Contains("SKU-MC1 × 1, SKU-MC2 × 1", hold.Detail, StringComparison.Ordinal);
        Assert.Equal(("Merged", Target), ((await admin.GetOrderAsync(MergedIn)).Status, (await admin.GetOrderAsync(MergedIn)).MergedInto));
        var queue = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=address_changed_on_channel"))!;
        Assert.Equal([Target], queue.Items.Select(o => o.Id));
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal("order.hold_opened", histories.Item1[^1]);
        Assert.Equal("order.address_changed_on_channel", histories.Item2[^1]);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, Target));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, MergedIn));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfOrderMergedIntoShippedTarget_IsOnlyRecorded(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811130003");
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMA3"))).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        var shipped = await admin.GetOrderAsync(Target);
        Assert.Equal("Shipped", shipped.Status);
        Assert.Empty(shipped.Holds);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        Assert.Equal("order.address_changed_on_channel", (await HistoryAsync(admin, MergedIn))[^1]);
        await admin.AssertLedgerCleanAsync();
    }

    /// <summary>
    /// The buyer moved the target first and then the merged-in order to the same place: the target's move took the
    /// merged-in order out (it kept its address then), so they are two orders to one address, which a person may merge again.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoNewerAddress_OfTargetThenOfTheOrderMergedIntoIt_ToOnePlace_LeavesTwoOrdersToMergeAgain(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811130004");
        (await host.PostWebhookAsync("taobao", Modified(Trade("M1", phone, ("SKU-MC1", 2)), "2026-11-21 10:50:00", NewDetail))).EnsureSuccessStatusCode();

        var change = await host.PostWebhookAsync("taobao", Modified(merged, "2026-11-21 11:00:00", NewDetail));
        var own = await admin.GetOrderAsync(MergedIn);
        var target = await admin.GetOrderAsync(Target);
        var mergeAgain = await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest(Target, [MergedIn]));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await change.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(("Paid", (string?)null, NewDetail), (own.Status, own.MergedInto, own.Address.Detail));
        Assert.Equal(("Paid", NewDetail, 2), (target.Status, target.Address.Detail, target.Lines.Sum(l => l.Quantity)));
        Assert.Equal([MergedIn], target.UnmergedFrom);
        Assert.Empty(target.Holds);
        Assert.Equal(HttpStatusCode.OK, mergeAgain.StatusCode);
        var remerged = await admin.GetOrderAsync(Target);
        Assert.Equal((4, 398.00m), (remerged.Lines.Sum(l => l.Quantity), remerged.PaidAmount!.Value));
        Assert.Equal([MergedIn], remerged.MergedFrom);
        await admin.AssertStockAsync("SKU-MC1", (10, 3, 0, 7));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyPartiallyRefunded_OfOrderMergedIntoAnother_HoldsTheTargetNamingTheOrder(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-MP1", 10);
        await admin.ReceiveStockAsync("SKU-MP2", 10);
        (await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9301, sku: "SKU-MP1", quantity: 1))).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9302, sku: "SKU-MP2", quantity: 1))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("shopify-9301", ["shopify-9302"]))).EnsureSuccessStatusCode();

        var refund = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9302, sku: "SKU-MP2", quantity: 1, financialStatus: "partially_refunded"), deliveryId: "mp-1");
        var histories = (await HistoryAsync(admin, "shopify-9301"), await HistoryAsync(admin, "shopify-9302"));
        var again = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9302, sku: "SKU-MP2", quantity: 1, financialStatus: "partially_refunded"), deliveryId: "mp-1-again");
        var allocate = await admin.PostAsJsonAsync("/api/orders/shopify-9301/allocate", new AllocateRequest());

        Assert.Equal(new WebhookAccepted("shopify-9302", Duplicate: false), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted("shopify-9302", Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        await ProblemAssert.IsAsync(allocate, HttpStatusCode.Conflict, "order.on_hold", null);
        var target = await admin.GetOrderAsync("shopify-9301");
        Assert.Equal(("Paid", 50.00m), (target.Status, target.PaidAmount!.Value));
        var hold = Assert.Single(target.Holds);
        Assert.Equal("partially_refunded_on_channel", hold.Code);
        Assert.Contains("shopify-9302", hold.Detail, StringComparison.Ordinal);
        Assert.Contains("SKU-MP2 × 1", hold.Detail, StringComparison.Ordinal);
        Assert.Equal("Merged", (await admin.GetOrderAsync("shopify-9302")).Status);
        Assert.Equal("order.hold_opened", histories.Item1[^1]);
        Assert.Equal("order.partially_refunded_on_channel", histories.Item2[^1]);
        Assert.Equal(histories.Item1, await HistoryAsync(admin, "shopify-9301"));
        Assert.Equal(histories.Item2, await HistoryAsync(admin, "shopify-9302"));
        await admin.AssertStockAsync("SKU-MP1", (10, 1, 0, 9));
        await admin.AssertStockAsync("SKU-MP2", (10, 1, 0, 9));
        await admin.AssertLedgerCleanAsync();
    }
}
