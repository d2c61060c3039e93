using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>The order's hold and SLA reminders commit inside its appends: they exist as soon as the answer does, and go with it.</summary>
public sealed class OrderAppendRemindersTests
{
    [Theory]
    [InlineData("memory")]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_Unpaid_StoresTheHoldAndSlaRemindersWithTheOrder(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);

        var placed = await cluster.PlaceAsync(Order("own", "r1", new OrderLineRequest("SKU-1", 1, 10m)));
        var reminders = await RemindersAsync(cluster, "own-r1");

        Assert.Equal(OrderStatus.PendingPayment, placed.Status);
        Assert.Equal(T0.AddMinutes(30), reminders[OrderGrain.PaymentHoldReminder].DueAt);
        Assert.Equal(placed.Sla.DueAt, reminders[OrderGrain.SlaReminder].DueAt);
        Assert.Null(reminders[OrderGrain.PaymentHoldReminder].Period);
    }

    [Theory]
    [InlineData("memory")]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task ConfirmPaymentAsync_RemovesTheHoldReminderAndMovesTheSlaReminderWithThePayment(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "r2", new OrderLineRequest("SKU-1", 1, 10m)));
        var slaBefore = (await RemindersAsync(cluster, "own-r2"))[OrderGrain.SlaReminder];
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        var paid = await cluster.Order("own-r2").ConfirmPaymentAsync(new ConfirmPayment("wx-1", 10m, "wechatpay"));
        var reminders = await RemindersAsync(cluster, "own-r2");

        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.False(reminders.ContainsKey(OrderGrain.PaymentHoldReminder));
        Assert.Equal(paid.Sla.DueAt, reminders[OrderGrain.SlaReminder].DueAt);
        Assert.NotEqual(slaBefore.DueAt, reminders[OrderGrain.SlaReminder].DueAt);
        Assert.NotEqual(slaBefore.ETag, reminders[OrderGrain.SlaReminder].ETag);
    }

    [Theory]
    [InlineData("memory")]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CancelAsync_Unpaid_RemovesTheHoldReminderWithTheCancellation(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "r3", new OrderLineRequest("SKU-1", 2, 10m)));

        var cancelled = await cluster.Order("own-r3").CancelAsync(new CancelOrder("changed my mind", "cs:1"));
        var reminders = await RemindersAsync(cluster, "own-r3");
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.False(reminders.ContainsKey(OrderGrain.PaymentHoldReminder));
        Assert.Equal(5, (await cluster.StockAsync("SKU-1")).Sellable);
        Assert.Equal(OrderStatus.Cancelled, (await cluster.Order("own-r3").GetAsync()).Status);
    }

    [Theory]
    [InlineData("memory")]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_AlreadyPaid_StoresOnlyTheSlaReminder(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);

        var placed = await cluster.PlaceAsync(Order("tmall", "r4", new OrderLineRequest("SKU-1", 1, 10m)) with { Paid = true, PaidAmount = 10m });
        var reminders = await RemindersAsync(cluster, "tmall-r4");

        Assert.Equal(OrderStatus.Paid, placed.Status);
        Assert.Equal([OrderGrain.SlaReminder], reminders.Keys);
        Assert.Equal(placed.Sla.DueAt, reminders[OrderGrain.SlaReminder].DueAt);
    }

    private static async Task<Dictionary<string, ReminderEntry>> RemindersAsync(OrderCluster cluster, string orderId) =>
        (await cluster.Cluster.Storage.GetGrainRemindersAsync(new GrainId("order", orderId), CancellationToken.None)).ToDictionary(r => r.Name);
}
