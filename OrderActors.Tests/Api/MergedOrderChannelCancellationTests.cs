using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// A buyer's cancellation on the marketplace of one order of a merged shipment: only that buyer's lines come out, the
/// other buyer's lines still ship. Until now a cancelled merged-in order shipped in its target (goods the buyer was
/// refunded for), and a cancelled target cancelled the merged-in orders' lines too.
/// </summary>
public sealed class MergedOrderChannelCancellationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfOrderMergedIntoAnother_BeforeAllocation_TakesOutItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811110001");

        var cancel = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-1");
        var again = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-1-again");

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var gone = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Cancelled", "cancelled on the channel", (string?)null), (gone.Status, gone.CancelReason, gone.MergedInto));
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal("Paid", kept.Status);
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal((199.00m, 199.00m), (kept.TotalAmount!.Value, kept.PaidAmount!.Value));
        Assert.Empty(kept.MergedFrom);
        Assert.Equal([MergedIn], kept.UnmergedFrom);
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        Assert.Contains("order.unmerged", await HistoryAsync(admin, Target));
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from", "order.cancelled"], await HistoryAsync(admin, MergedIn));
        await AssertRefundedAsync(host, phone, target: 0m, mergedIn: 199.00m);

        // The target ships what is left: its own lines, from its own stock.
        await admin.AllocateAndPackAsync(Target);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 2, 8));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfMergeTarget_BeforeAllocation_GivesTheMergedOrderItsLinesBack(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, phone) = await MergedAsync(host, admin, "13811110002", cancelTarget: true);

        var cancel = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-2");
        var again = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-2-again");

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(Target, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        var gone = await admin.GetOrderAsync(Target);
        Assert.Equal(("Cancelled", "cancelled on the channel"), (gone.Status, gone.CancelReason));
        Assert.Equal([("SKU-MC1", 2)], gone.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal([MergedIn], gone.UnmergedFrom);
        var restored = await admin.GetOrderAsync(MergedIn);
        Assert.Equal(("Paid", (string?)null), (restored.Status, restored.MergedInto));
        Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], restored.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(199.00m, restored.PaidAmount!.Value);
        await admin.AssertStockAsync("SKU-MC1", (10, 1, 0, 9));
        await admin.AssertStockAsync("SKU-MC2", (10, 1, 0, 9));
        await admin.AssertLedgerCleanAsync();
        Assert.Equal(["order.placed", "order.paid", "order.merged", "order.unmerged", "order.cancelled"], await HistoryAsync(admin, Target));
        Assert.Equal(["order.placed", "order.paid", "order.merged_into", "order.unmerged_from"], await HistoryAsync(admin, MergedIn));
        var restoredBy = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{MergedIn}/history"))!.Single(h => h.Type == "order.unmerged_from");
        Assert.Equal(("Merged", "Paid", $"{Target} cancelled on the channel"), (restoredBy.FromStatus, restoredBy.ToStatus, restoredBy.Reason));
        await AssertRefundedAsync(host, phone, target: 199.00m, mergedIn: 0m);

        // The merged-in order is an order of its own again and ships.
        await admin.AllocateAndPackAsync(MergedIn);
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfOrderMergedIntoAnother_AfterTargetAllocated_TakesOutItsLinesAndTargetIsToAllocateAgain(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811110003");
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/allocate", new AllocateRequest())).EnsureSuccessStatusCode();

        var cancel = await host.PostWebhookAsync("taobao", Closing(merged));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal("Cancelled", (await admin.GetOrderAsync(MergedIn)).Status);
        var kept = await admin.GetOrderAsync(Target);
        Assert.Equal(("Paid", (string?)null), (kept.Status, kept.Warehouse));
        Assert.Equal([("SKU-MC1", 2)], kept.Lines.Select(l => (l.Sku, l.Quantity)));
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        await admin.AllocateAndPackAsync(Target);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 2, 8));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfOrderMergedIntoAnother_AfterPacked_HoldsTheShipmentNamingTheOrderAndItsLines(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811110004");
        await admin.AllocateAndPackAsync(Target);

        var cancel = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-4");
        var again = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-4-again");
        var ship = await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC4"));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(HttpStatusCode.Conflict, ship.StatusCode);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal("Packed", held.Status);
        var hold = Assert.Single(held.Holds);
        Assert.Equal("merged_order_cancelled", hold.Code);
        Assert.Contains(MergedIn, hold.Detail, StringComparison.Ordinal);
        Assert.Contains("SKU-MC1 × 1, SKU-MC2 × 1", hold.Detail, StringComparison.Ordinal);
        Assert.Equal(4, held.Lines.Sum(l => l.Quantity));
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        Assert.Contains("order.merged_lines_cancelled", await HistoryAsync(admin, MergedIn));
        var queue = (await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?code=merged_order_cancelled"))!;
        Assert.Equal([Target], queue.Items.Select(o => o.Id));
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 1, 9));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfOrderMergedIntoAnother_AfterShipped_OpensAReturnOfItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811110005");
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC5"))).EnsureSuccessStatusCode();

        var cancel = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-5");
        var again = await host.PostWebhookAsync("taobao", Closing(merged), deliveryId: "mc-5-again");
        var returning = await admin.GetOrderAsync(MergedIn);
        var receipt = await admin.PostAsJsonAsync($"/api/orders/{MergedIn}/returns/receive", new ReceiveReturnRequest());

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(("ReturnRequested", "cancelled on the channel"), (returning.Status, returning.ReturnReason));
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

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfMergeTarget_AfterPacked_HoldsTheShipmentNamingItsOwnLines(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, _) = await MergedAsync(host, admin, "13811110006", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);

        var cancel = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-6");
        var again = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-6-again");
        var ship = await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC6"));

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(Target, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(HttpStatusCode.Conflict, ship.StatusCode);
        var held = await admin.GetOrderAsync(Target);
        Assert.Equal(("Packed", (string?)null), (held.Status, held.CancelReason));
        var hold = Assert.Single(held.Holds);
        Assert.Equal("merged_order_cancelled", hold.Code);
        Assert.Contains("This order's own buyer cancelled", hold.Detail, StringComparison.Ordinal);
        Assert.Contains("take out SKU-MC1 × 2 before it ships", hold.Detail, StringComparison.Ordinal);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 3, 7));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_OfMergeTarget_AfterShipped_OpensAReturnOfItsOwnLinesAndPaymentOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (target, phone) = await MergedAsync(host, admin, "13811110007", cancelTarget: true);
        await admin.AllocateAndPackAsync(Target);
        (await admin.PostAsJsonAsync($"/api/orders/{Target}/ship", new ShipRequest("SF", "SFMC7"))).EnsureSuccessStatusCode();

        var cancel = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-7");
        var again = await host.PostWebhookAsync("taobao", Closing(target), deliveryId: "mc-7-again");
        var receipt = await admin.PostAsJsonAsync($"/api/orders/{Target}/returns/receive", new ReceiveReturnRequest());

        Assert.Equal(new WebhookAccepted(Target, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(new WebhookAccepted(Target, Duplicate: true), await again.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal("Refunded", (await admin.GetOrderAsync(Target)).Status);
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);

        // Its own 2 × SKU-MC1 come back, credited at its own payment (199.00 of the 398.00 the shipment held).
        await admin.AssertStockAsync("SKU-MC1", (9, 0, 0, 9));
        await admin.AssertStockAsync("SKU-MC2", (9, 0, 0, 9));
        await admin.AssertLedgerCleanAsync();
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>($"/api/orders/{Target}/history"))!;
        Assert.Equal($"CN-{Target} 199.00", history.Single(h => h.Type == "order.refunded").Changes.Single(c => c.Field == "creditNote").NewValue);
        await AssertRefundedAsync(host, phone, target: 199.00m, mergedIn: 0m);
    }

    /// <summary>
    /// The target took the lines out and the silo stopped before the merged-in order heard back: the target holds nothing
    /// of it any more, the merged-in order holds its stock again, and the marketplace's redelivery finishes the cancellation.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoClosed_AfterTargetTookTheLinesOutAndTheAnswerWasLost_RedeliveryFinishesIt(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, _) = await MergedAsync(host, admin, "13811110008");
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var order = await grains.GetGrain<IOrderGrain>(MergedIn).GetAsync();
        await grains.GetGrain<IOrderGrain>(Target).TakeOutMergedAsync(new TakeOutMerged(MergedIn, order.Lines, order.PaidAmount, "cancelled on the channel", "taobao"));
        Assert.Equal("Merged", (await admin.GetOrderAsync(MergedIn)).Status);

        var cancel = await host.PostWebhookAsync("taobao", Closing(merged));

        Assert.Equal(new WebhookAccepted(MergedIn, Duplicate: false), await cancel.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal("Cancelled", (await admin.GetOrderAsync(MergedIn)).Status);
        Assert.Equal([("SKU-MC1", 2)], (await admin.GetOrderAsync(Target)).Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Single(await HistoryAsync(admin, Target), "order.unmerged");
        await admin.AssertStockAsync("SKU-MC1", (10, 2, 0, 8));
        await admin.AssertStockAsync("SKU-MC2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ShopifyRefunded_OfOrderMergedIntoAnother_BeforeAllocation_TakesOutItsLinesOnly(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-MS1", 10);
        await admin.ReceiveStockAsync("SKU-MS2", 10);
        var target = ChannelPayloads.Shopify(id: 9001, sku: "SKU-MS1", quantity: 1);
        var other = ChannelPayloads.Shopify(id: 9002, sku: "SKU-MS2", quantity: 1);
        (await host.PostWebhookAsync("shopify", target)).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync("shopify", other)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("shopify-9001", ["shopify-9002"]))).EnsureSuccessStatusCode();

        var refund = await host.PostWebhookAsync("shopify", ChannelPayloads.Shopify(id: 9002, sku: "SKU-MS2", quantity: 1, financialStatus: "refunded"), deliveryId: "ms-1");

        Assert.Equal(new WebhookAccepted("shopify-9002", Duplicate: false), await refund.Content.ReadFromJsonAsync<WebhookAccepted>());
        Assert.Equal(("Cancelled", "refunded on the channel"), ((await admin.GetOrderAsync("shopify-9002")).Status, (await admin.GetOrderAsync("shopify-9002")).CancelReason));
        var kept = await admin.GetOrderAsync("shopify-9001");
        Assert.Equal(("Paid", 25.00m), (kept.Status, kept.PaidAmount!.Value));
        Assert.Equal(["SKU-MS1"], kept.Lines.Select(l => l.Sku));
        await admin.AssertStockAsync("SKU-MS1", (10, 1, 0, 9));
        await admin.AssertStockAsync("SKU-MS2", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
    }

    /// <summary>
    /// The merged-in order and later its target are both cancelled on the channel: each refunds its own payment, once. The
    /// target's cancellation used to count the merged payment it held (398.00) on top of the merged-in order's own refund.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reconciliation_MergedInOrderThenItsTargetCancelled_RefundsEachPaymentOnce(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var (merged, phone) = await MergedAsync(host, admin, "13811110009");
        (await host.PostWebhookAsync("taobao", Closing(merged))).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync("taobao", Closing(Trade("M1", phone, ("SKU-MC1", 2))))).EnsureSuccessStatusCode();
        var finance = await host.WithRolesAsync(ApiRoles.Finance);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var report = (await finance.GetFromJsonAsync<ReconciliationDto>($"/api/reports/reconciliation?date={today}"))!;

        Assert.Equal(("Cancelled", "Cancelled"), ((await admin.GetOrderAsync(Target)).Status, (await admin.GetOrderAsync(MergedIn)).Status));
        var row = Assert.Single(report.Channels);
        Assert.Equal(("taobao", 2, 398.00m), (row.Channel, row.Refunds, row.RefundAmount));
        await admin.AssertStockAsync("SKU-MC1", (10, 0, 0, 10));
        await admin.AssertLedgerCleanAsync();
        var customer = await CustomerAsync(host, phone);
        Assert.Equal([199.00m, 199.00m], customer.Orders.OrderBy(o => o.OrderId, StringComparer.Ordinal).Select(o => o.Refunded));
    }
}
