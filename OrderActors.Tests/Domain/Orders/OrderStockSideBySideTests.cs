using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime;
using OrderActors.Tests.Runtime.Faults;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>
/// A payment confirms the order's SKUs side by side: with the first SKU's write held before it reaches storage, the
/// second SKU's write is already on its way (one by one, it would wait for the first to commit).
/// </summary>
public sealed class OrderStockSideBySideTests
{
    [Fact]
    public async Task ConfirmPaymentAsync_TwoSkus_SecondSkuWritesWhileTheFirstIsStillHeld()
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(services: faults.Install);
        await cluster.ReceiveAsync("SKU-A", 5);
        await cluster.ReceiveAsync("SKU-B", 5);
        await cluster.PlaceAsync(Order("own", "both", new OrderLineRequest("SKU-A", 1, 10m), new OrderLineRequest("SKU-B", 2, 5m)));
        var appendsBefore = faults.AppendsCalled;
        var hold = faults.HoldNextAppend();

        var paying = cluster.Order("own-both").ConfirmPaymentAsync(new ConfirmPayment("wx-both", 20m, "wechatpay"));
        await hold.Arrived;
        await Eventually.WaitUntilAsync(() => faults.AppendsCalled >= appendsBefore + 2, "the second SKU's confirmation reached storage");
        var heldMeanwhile = paying.IsCompleted;
        hold.Release();
        var paid = await paying;

        Assert.False(heldMeanwhile);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        var a = await cluster.StockAsync("SKU-A");
        var b = await cluster.StockAsync("SKU-B");
        Assert.Equal((1, 2), (a.Reserved + a.Allocated, b.Reserved + b.Allocated));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_ArrivesPaid_EachSkuReservesAndConfirmsInOneWrite(string provider)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("SKU-A", 5);
        await cluster.ReceiveAsync("SKU-B", 5);
        var appendsBefore = faults.AppendsCalled;

        var order = await cluster.PlaceAsync(Order("taobao", "paid-2", new OrderLineRequest("SKU-A", 1, 10m), new OrderLineRequest("SKU-B", 2, 5m))
            with { Paid = true, PaidAmount = 20m, PaymentId = "alipay-1" });

        Assert.Equal(OrderStatus.Paid, order.Status);
        // Two SKU writes (reserved and confirmed together), the customer's, the order's: four, not six.
        Assert.Equal(4, faults.AppendsCalled - appendsBefore);
        var (a, b) = (await cluster.Stock("SKU-A").GetHoldingAsync("taobao-paid-2"), await cluster.Stock("SKU-B").GetHoldingAsync("taobao-paid-2"));
        Assert.Equal((HoldingStatus.Confirmed, 1, HoldingStatus.Confirmed, 2), (a.Status, a.Quantity, b.Status, b.Quantity));
    }
}
