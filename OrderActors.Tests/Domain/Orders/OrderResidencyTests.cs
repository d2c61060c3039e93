using OrderActors.Grains;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Testing;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>Which orders and customers stay in memory: final orders leave at once, idle ones after their collection age.</summary>
public sealed class OrderResidencyTests
{
    private const string Phone = "13800138000";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CancelAsync_OrderCancelled_LeavesMemoryAndStaysReadable(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "gone", new OrderLineRequest("SKU-1", 2, 10m)));
        var residentBefore = IsResident(cluster.Cluster, "order", "own-gone");

        await cluster.Order("own-gone").CancelAsync(new CancelOrder("changed mind", "cs-1"));
        await Eventually.WaitUntilAsync(() => !IsResident(cluster.Cluster, "order", "own-gone"), "cancelled order deactivated");
        var order = await cluster.Order("own-gone").GetAsync();

        Assert.True(residentBefore);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("changed mind", order.CancelReason);
        Assert.Equal(5, (await cluster.StockAsync("SKU-1")).Sellable);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_OwnStoreCheckoutRefusedForStock_LeavesMemoryAndALaterCheckoutOfTheSameNumberSucceeds(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 1);
        await cluster.PlaceAsync(Order("own", "first", new OrderLineRequest("SKU-1", 1, 10m)));

        var refused = await Assert.ThrowsAsync<DomainException>(() => cluster.PlaceAsync(Order("own", "late", new OrderLineRequest("SKU-1", 1, 10m))));
        await Eventually.WaitUntilAsync(() => !IsResident(cluster.Cluster, "order", "own-late"), "refused checkout deactivated");
        var firstResident = IsResident(cluster.Cluster, "order", "own-first");
        await cluster.ReceiveAsync("SKU-1", 1);
        var retried = await cluster.PlaceAsync(Order("own", "late", new OrderLineRequest("SKU-1", 1, 10m)));

        Assert.Equal(OrderErrors.StockInsufficient, refused.Code);
        Assert.True(firstResident);
        Assert.Equal(OrderStatus.PendingPayment, retried.Status);
        Assert.Equal(0, (await cluster.StockAsync("SKU-1")).Sellable);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PaymentHold_IdleUnpaidOrder_IsCollectedAfterTwoMinutesAndItsHoldStillCancelsIt(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.PlaceAsync(Order("own", "idle", new OrderLineRequest("SKU-1", 2, 10m)));

        cluster.Cluster.Time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.WaitUntilAsync(
            () => !IsResident(cluster.Cluster, "order", "own-idle") && !IsResident(cluster.Cluster, CustomerGrain.GrainTypeName, Phone),
            "idle order and customer collected");
        var sellableWhileHeld = (await cluster.StockAsync("SKU-1")).Sellable;
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(27));
        await Eventually.WaitUntilAsync(() => !IsResident(cluster.Cluster, "order", "own-idle"), "expired order deactivated after its cancellation");
        var order = await cluster.Order("own-idle").GetAsync();

        Assert.Equal(3, sellableWhileHeld);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("payment not received within the hold", order.CancelReason);
        Assert.Equal(5, (await cluster.StockAsync("SKU-1")).Sellable);
    }

    private static bool IsResident(TestCluster cluster, string grainType, string key) =>
        cluster.Inspector.ListActivations(grainType, int.MaxValue).Any(a => a.GrainId.Key == key);
}
