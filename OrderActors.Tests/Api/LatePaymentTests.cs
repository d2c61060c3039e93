using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

/// <summary>
/// A marketplace order paid on its channel after its payment hold ran out here (lifecycle probe). Marketplaces keep an
/// unpaid order open for hours; the hold only bounds how long stock is kept for it.
/// </summary>
public sealed class LatePaymentTests
{
    [Fact]
    public async Task TaobaoPaid_AfterHoldCancelledTheOrder_ReopensItPaidAndItShipsAndReturnsLikeAnyOrder()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync("sqlite", clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-LATE", 5);
        var paid = ChannelPayloads.Taobao(tid: "8001", sku: "SKU-LATE", num: 2);
        var unpaid = paid.Replace("WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_PAY", StringComparison.Ordinal)
            .Replace("\"pay_time\": \"2026-11-21 10:15:00\", ", string.Empty, StringComparison.Ordinal);
        (await host.PostWebhookAsync("taobao", unpaid)).EnsureSuccessStatusCode();
        await PassAsync(host, clock, TimeSpan.FromMinutes(31));
        Assert.Equal("Cancelled", (await admin.GetOrderAsync("taobao-8001")).Status);

        var late = await host.PostWebhookAsync("taobao", paid);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(new WebhookAccepted("taobao-8001", Duplicate: false), await late.Content.ReadFromJsonAsync<WebhookAccepted>());
        var order = await admin.GetOrderAsync("taobao-8001");
        Assert.Equal(("Paid", 199.00m, null), (order.Status, order.PaidAmount, order.CancelReason));
        Assert.Empty(order.Holds);
        var history = (await admin.GetFromJsonAsync<List<OrderHistoryDto>>("/api/orders/taobao-8001/history"))!;
        Assert.Equal(
            ["order.placed", "order.cancelled", "order.reopened", "order.paid"],
            history.Select(h => h.Type).Where(t => t != "order.sla_breached"));
        var reopened = history.Single(h => h.Type == "order.reopened");
        Assert.Equal(("channel:taobao", "Cancelled", "PendingPayment"), (reopened.Actor, reopened.FromStatus, reopened.ToStatus));
        var stock = (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-LATE"))!;
        Assert.Equal((5, 2, 3), (stock.OnHand, stock.Reserved, stock.Sellable));
        await admin.AssertLedgerCleanAsync();

        // Taken back at the customer too: a return's refund is then within what the customer's record holds for the order.
        (await admin.PostAsJsonAsync("/api/orders/taobao-8001/allocate", new AllocateRequest())).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/orders/taobao-8001/pack", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/taobao-8001/ship", new ShipRequest("SF", "SF8001"))).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/orders/taobao-8001/deliver", null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/taobao-8001/return-requests", new ReasonRequest("wrong size"))).EnsureSuccessStatusCode();
        var received = await admin.PostAsJsonAsync("/api/orders/taobao-8001/returns/receive", new ReceiveReturnRequest("SZ"));
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        Assert.Equal("Refunded", (await received.Content.ReadFromJsonAsync<OrderDto>())!.Status);
    }

    [Fact]
    public async Task OwnStorePayment_AfterHoldCancelledTheOrder_IsStillRefused()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));
        await using var host = await ApiTestHost.StartAsync("sqlite", clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("late-own"))).EnsureSuccessStatusCode();
        await PassAsync(host, clock, TimeSpan.FromMinutes(31));
        Assert.Equal("Cancelled", (await admin.GetOrderAsync("own-late-own")).Status);

        var payment = await admin.PostAsJsonAsync("/api/orders/own-late-own/payment", new PaymentRequest("pay-late", 20m));

        Assert.Equal(HttpStatusCode.Conflict, payment.StatusCode);
        Assert.Equal("Cancelled", (await admin.GetOrderAsync("own-late-own")).Status);
        Assert.Equal(5, (await admin.GetFromJsonAsync<StockDto>("/api/stock/SKU-1"))!.Sellable);
    }

    /// <summary>Moves the clock past the payment hold and delivers the reminders then due, as the test cluster does.</summary>
    private static async Task PassAsync(ApiTestHost host, ManualTimeProvider clock, TimeSpan delta)
    {
        clock.Advance(delta);
        await host.Services.GetRequiredService<ReminderService>().DeliverDueRemindersAsync(CancellationToken.None);
    }
}
