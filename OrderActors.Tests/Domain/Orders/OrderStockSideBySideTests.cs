using OrderActors.Grains.Orders;
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
}
