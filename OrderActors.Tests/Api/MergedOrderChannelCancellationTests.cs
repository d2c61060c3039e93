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
/// What it does as the other entry points do is in <see cref="MergedOrderCancellationTests"/>; here, what only it does.
/// </summary>
public sealed class MergedOrderChannelCancellationTests
{
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
