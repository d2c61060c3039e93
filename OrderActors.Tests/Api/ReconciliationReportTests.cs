using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// The daily reconciliation against what a payment provider's statement shows: paid is the money payments brought in
/// that day (not order totals), a cancellation after payment is a refund on the day of the cancellation, merged and
/// split orders count their money once.
/// </summary>
public sealed class ReconciliationReportTests
{
    // Two minutes before midnight UTC: a short move of the clock reaches the next day.
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 23, 58, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reconciliation_PartPaidCancelledAndMergedOrders_ReportsMoneyPaidAndRefundsByDay()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "api"), clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 50);
        await admin.ReceiveStockAsync("SKU-2", 50);
        await admin.ReceiveStockAsync("SKU-3", 50);
        await PlaceAsync(admin, "P-1", unitPrice: 10m, paid: 5m, phone: "13800000001");
        await PlaceAsync(admin, "P-2", unitPrice: 20m, paid: 20m, phone: "13800000002");
        await PlaceAsync(admin, "P-3", unitPrice: 20m, paid: null, phone: "13800000003");
        await PlaceAsync(admin, "P-4", unitPrice: 30m, paid: 30m, phone: "13800000004");
        await PlaceAsync(admin, "M-1", unitPrice: 20m, paid: 20m, phone: "13800000005", sku: "SKU-2");
        await PlaceAsync(admin, "M-2", unitPrice: 30m, paid: 30m, phone: "13800000005", sku: "SKU-3");
        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("own-M-1", ["own-M-2"]))).EnsureSuccessStatusCode();
        await CancelAsync(admin, "own-P-2");
        await CancelAsync(admin, "own-P-3");
        clock.Advance(TimeSpan.FromMinutes(3));
        await CancelAsync(admin, "own-P-4");
        await CancelAsync(admin, "own-M-1");
        var finance = await host.WithRolesAsync(ApiRoles.Finance);

        var first = await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-21");
        var second = await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-22");
        var csv = await finance.GetStringAsync("/api/reports/reconciliation?date=2026-11-22&format=csv");

        // Paid 5 of 10, 20, 30, and 20 + 30 merged: 105 (order totals would say 140, the merged 50 counted twice).
        Assert.Equal([new ReconciliationRowDto("own", 6, 5, 105m, 1, 20m, 0, 85m)], first!.Channels);
        // The next day the paid order cancelled then (30) and the merge target's own payment (20) go back; the order merged
        // into it is an order of its own again, its payment kept.
        Assert.Equal([new ReconciliationRowDto("own", 0, 0, 0m, 2, 50m, 0, -50m)], second!.Channels);
        Assert.Equal("date,channel,orders,paid_orders,paid_amount,refunds,refund_amount,credit_notes,net\n2026-11-22,own,0,0,0.00,2,50.00,0,-50.00\n", csv);
    }

    [Fact]
    public async Task Reconciliation_SplitOrderWithACancelledPart_CountsTheOrderAndItsPaymentOnceAndThePartsRefund()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "api"), clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-A", 5, warehouse: "SZ");
        await admin.ReceiveStockAsync("SKU-B", 5, warehouse: "GZ");
        var checkout = ApiTestHostExtensions.Checkout("S-1") with { Lines = [new OrderLineInput("SKU-A", 1, 10m), new OrderLineInput("SKU-B", 1, 20m)] };
        (await admin.PostAsJsonAsync("/api/orders", checkout)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-S-1/payment", new PaymentRequest("pay-S-1", 30m))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-S-1/split", new ReasonRequest("two warehouses"))).EnsureSuccessStatusCode();
        var part = await admin.GetOrderAsync((await admin.GetOrderAsync("own-S-1")).ChildOrderIds[0]);
        await CancelAsync(admin, part.Id);
        var finance = await host.WithRolesAsync(ApiRoles.Finance);

        var report = await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-21");

        Assert.True(part.PaidAmount is 10m or 20m);
        Assert.Equal([new ReconciliationRowDto("own", 1, 1, 30m, 1, part.PaidAmount!.Value, 0, 30m - part.PaidAmount.Value)], report!.Channels);
    }

    /// <summary>
    /// A credit note's amount is read back from the query index, which keeps numbers with four decimals so that text
    /// order is value order; the report gave them as stored (<c>"refundAmount": 20.0000, "net": 0.0000</c>).
    /// </summary>
    [Fact]
    public async Task Reconciliation_ReturnedOrder_GivesTheCreditNoteAsTheAmountItWas()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = new ApiTestHost(await TestDatabases.CreateAsync("sqlite", "api"), clock);
        var admin = host.Admin();
        await admin.ShippedOrderAsync("R-1");
        (await admin.PostAsync("/api/orders/own-R-1/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-R-1/return-requests", new ReasonRequest("wrong size"))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-R-1/returns/receive", new { })).EnsureSuccessStatusCode();
        var finance = await host.WithRolesAsync(ApiRoles.Finance);

        var json = await finance.GetStringAsync("/api/reports/reconciliation?date=2026-11-21");

        Assert.Contains("""{"channel":"own","orders":1,"paidOrders":1,"paidAmount":20,"refunds":1,"refundAmount":20,"creditNotes":1,"net":0}""", json, StringComparison.Ordinal);
    }

    private static async Task PlaceAsync(HttpClient admin, string externalNo, decimal unitPrice, decimal? paid, string phone, string sku = "SKU-1")
    {
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(externalNo, sku: sku, unitPrice: unitPrice, phone: phone))).EnsureSuccessStatusCode();
        if (paid is { } amount)
        {
            (await admin.PostAsJsonAsync($"/api/orders/own-{externalNo}/payment", new PaymentRequest("pay-" + externalNo, amount))).EnsureSuccessStatusCode();
        }
    }

    private static async Task CancelAsync(HttpClient admin, string orderId) =>
        (await admin.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new ReasonRequest("buyer changed their mind"))).EnsureSuccessStatusCode();
}
