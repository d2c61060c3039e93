using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderPersistenceTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Order_RestartedBetweenStepsWithSnapshots_KeepsEveryFieldAndItsHistory(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider, runtime => runtime.SnapshotInterval = 2);
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = Order("taobao", "P1", new OrderLineRequest("SKU-1", 2, 50m, "杯子")) with
        {
            Paid = true, PaidAmount = 100m, PaymentId = "alipay-9", BuyerNote = "请加急", Promotions = ["618"], Tags = ["vip"],
        };
        await cluster.PlaceAsync(order);
        await cluster.Order(order).ReleaseHoldAsync(new ReleaseHold(HoldCodes.BuyerRemark, "ok", "cs"));
        await cluster.Order(order).AllocateAsync(new AllocateOrder("ops"));
        await cluster.Order(order).PackAsync(new PackOrder("wh"));
        var before = await cluster.Order(order).ShipAsync(new ShipOrder("SF", "SF77", "wh"));

        await cluster.Cluster.RestartAsync();
        var after = await cluster.Order(order).AddTrackingEventAsync(new AddTrackingEvent("in_transit", "苏州转运中心", T0, "carrier:sf"));

        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(
            (before.Status, before.Warehouse, before.WaybillNo, before.PaidAmount, before.PaymentId, before.BuyerNote, before.ShippedAt),
            (after.Status, after.Warehouse, after.WaybillNo, after.PaidAmount, after.PaymentId, after.BuyerNote, after.ShippedAt));
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Customer, after.Customer);
        Assert.Equal(before.Address, after.Address);
        Assert.Equal(["618"], after.Promotions);
        Assert.Equal(["vip"], after.Tags);
        Assert.Equal([new TrackingEventView("in_transit", "苏州转运中心", T0)], after.Tracking);
        Assert.Equal(after.Version, (await cluster.Order(order).GetHistoryAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task GetIndexEntries_OrdersInSeveralStates_AreFoundByStatusChannelHoldAndPhone(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("own", "Q1"));
        await cluster.PlaceAsync(Order("taobao", "Q2") with { Paid = true, PaidAmount = 100m, PaymentId = "p2" });
        await cluster.PlaceAsync(Order("jd", "Q3") with { Paid = true, PaidAmount = 100m, PaymentId = "p3", BuyerNote = "有投诉" });

        var paid = await QueryAsync(cluster, new IndexFilter(OrderIndex.Status, IndexOperator.Equal, "Paid"));
        var held = await QueryAsync(cluster, new IndexFilter(OrderIndex.Hold(HoldCodes.BuyerRemark), IndexOperator.GreaterOrEqual, ""));
        var own = await QueryAsync(cluster, new IndexFilter(OrderIndex.Channel, IndexOperator.Equal, "own"));
        var byPhone = await QueryAsync(cluster, new IndexFilter(OrderIndex.Phone, IndexOperator.Equal, "13800138000"),
            new IndexFilter(OrderIndex.PlacedAt, IndexOperator.GreaterOrEqual, IndexValues.Time(T0)));

        Assert.Equal(["jd-Q3", "taobao-Q2"], paid);
        Assert.Equal(["jd-Q3"], held);
        Assert.Equal(["own-Q1"], own);
        Assert.Equal(["jd-Q3", "own-Q1", "taobao-Q2"], byPhone);
    }

    private static async Task<IReadOnlyList<string>> QueryAsync(OrderCluster cluster, params IndexFilter[] filters) =>
        (await cluster.Cluster.Storage.QueryIndexAsync(new IndexQuery(OrderIndex.GrainType, filters), CancellationToken.None)).Select(g => g.GrainKey).ToList();
}
