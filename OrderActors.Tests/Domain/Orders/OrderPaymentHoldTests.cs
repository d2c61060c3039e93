using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderPaymentHoldTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PaymentHold_UnpaidFor30Minutes_CancelsAndReleasesStock(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "unpaid", new OrderLineRequest("SKU-1", 2, 10m)));
        var held = await cluster.StockAsync("SKU-1");

        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(30));

        var order = await cluster.Order("own-unpaid").GetAsync();
        Assert.Equal(3, held.Sellable);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("payment not received within the hold", order.CancelReason);
        var stock = await cluster.StockAsync("SKU-1");
        Assert.Equal((5, 0), (stock.Sellable, stock.Reserved));
        Assert.Equal("system", (await cluster.Order("own-unpaid").GetHistoryAsync())[^1].Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PaymentHold_HostRestartedMidHold_StillCancelsAndReleasesStock(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "restart", new OrderLineRequest("SKU-1", 2, 10m)));
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        await cluster.Cluster.RestartAsync();
        var beforeExpiry = await cluster.Order("own-restart").GetAsync();
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(20));

        Assert.Equal(OrderStatus.PendingPayment, beforeExpiry.Status);
        Assert.Equal(OrderStatus.Cancelled, (await cluster.Order("own-restart").GetAsync()).Status);
        Assert.Equal(5, (await cluster.StockAsync("SKU-1")).Sellable);
    }

    [Fact]
    public async Task ConfirmPaymentAsync_BeforeExpiry_KeepsTheStockPastTheHold()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "paid", new OrderLineRequest("SKU-1", 2, 10m)));
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(10));

        var paid = await cluster.Order("own-paid").ConfirmPaymentAsync(new ConfirmPayment("wx-1", 20m, "wechatpay"));
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromHours(1));

        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(OrderStatus.Paid, (await cluster.Order("own-paid").GetAsync()).Status);
        Assert.Equal((3, 2), ((await cluster.StockAsync("SKU-1")).Sellable, (await cluster.StockAsync("SKU-1")).Reserved));
    }

    [Fact]
    public async Task ConfirmPaymentAsync_SamePaymentTwice_AddsNoEvents()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "twice"));
        var first = await cluster.Order("own-twice").ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "pay"));

        var second = await cluster.Order("own-twice").ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "pay"));
        var other = await Assert.ThrowsAsync<DomainException>(() => cluster.Order("own-twice").ConfirmPaymentAsync(new ConfirmPayment("p-2", 100m, "pay")));

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(OrderErrors.InvalidTransition, other.Code);
        Assert.Equal(first.Version, await cluster.VersionAsync("own-twice"));
    }

    [Fact]
    public async Task ConfirmPaymentAsync_LessThanTheTotal_HoldsAsPaymentNotReceived()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "under"));

        var paid = await cluster.Order("own-under").ConfirmPaymentAsync(new ConfirmPayment("p-1", 60m, "pay"));
        var blocked = await Assert.ThrowsAsync<DomainException>(() => cluster.Order("own-under").AllocateAsync(new AllocateOrder("wh")));
        await cluster.Order("own-under").ReleaseHoldAsync(new ReleaseHold(HoldCodes.PaymentNotReceived, "rest paid by bank transfer", "finance"));
        var allocated = await cluster.Order("own-under").AllocateAsync(new AllocateOrder("wh"));

        Assert.Equal([HoldCodes.PaymentNotReceived], paid.Holds.Select(h => h.Code));
        Assert.Equal(OrderErrors.OnHold, blocked.Code);
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
    }
}
