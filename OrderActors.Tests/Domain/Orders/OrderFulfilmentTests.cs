using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Sla;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderFulfilmentTests
{
    private static readonly OrderLineRequest Cup = new("CUP", 2, 10m, "杯子");
    private static readonly OrderLineRequest Basin = new("BASIN", 1, 30m, "折叠盆");

    [Fact]
    public async Task AllocateAsync_ProvinceAndCategoryRules_ChooseTheExpectedWarehouse()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.Rules.PutAllocationAsync(new AllocationRules
        {
            Rules =
            [
                new AllocationRule { Warehouse = "SZX", Categories = ["折叠盆"] },
                new AllocationRule { Warehouse = "SUZ", Provinces = ["江苏省"] },
            ],
        }, "admin");
        await cluster.ReceiveAsync("CUP", 10, "TSN");
        await cluster.ReceiveAsync("CUP", 10, "SUZ");
        await cluster.ReceiveAsync("BASIN", 10, "SUZ");
        await cluster.ReceiveAsync("BASIN", 10, "SZX");
        await cluster.PlaceAsync(Paid("cup", Cup));
        await cluster.PlaceAsync(Paid("basin", Basin));

        var cup = await cluster.Order("taobao-cup").AllocateAsync(new AllocateOrder("ops"));
        var basin = await cluster.Order("taobao-basin").AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal(("SUZ", "SZX"), (cup.Warehouse, basin.Warehouse));
        var cups = await cluster.StockAsync("CUP");
        Assert.Equal(2, cups.Warehouses.Single(w => w.Warehouse == "SUZ").Allocated);
        Assert.Equal(0, cups.Warehouses.Single(w => w.Warehouse == "TSN").Allocated);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task SplitAsync_NoWarehouseShipsEveryLine_CreatesLinkedPartsAndKeepsStockTotals(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("CUP", 10, "A");
        await cluster.ReceiveAsync("BASIN", 10, "B");
        await cluster.PlaceAsync(Paid("S1", Cup, Basin));
        var parent = cluster.Order("taobao-S1");

        var allocate = await Assert.ThrowsAsync<DomainException>(() => parent.AllocateAsync(new AllocateOrder("ops")));
        var split = await parent.SplitAsync(new SplitOrder("ops", "two warehouses"));
        var first = await cluster.Order("taobao-S1-1").GetAsync();
        var second = await cluster.Order("taobao-S1-2").GetAsync();

        Assert.Equal(OrderErrors.SplitRequired, allocate.Code);
        Assert.Equal(OrderStatus.Split, split.Status);
        Assert.Equal(["taobao-S1-1", "taobao-S1-2"], split.ChildOrderIds);
        Assert.Equal(("taobao-S1", "A", OrderStatus.Allocated, "CUP"), (first.ParentOrderId, first.Warehouse, first.Status, first.Lines.Single().Sku));
        Assert.Equal(("taobao-S1", "B", OrderStatus.Allocated, "BASIN"), (second.ParentOrderId, second.Warehouse, second.Status, second.Lines.Single().Sku));
        Assert.Equal(split.TotalAmount, first.TotalAmount + second.TotalAmount);
        var cups = await cluster.StockAsync("CUP");
        var basins = await cluster.StockAsync("BASIN");
        Assert.Equal((10, 0, 2, 8), (cups.OnHand, cups.Reserved, cups.Allocated, cups.Sellable));
        Assert.Equal((10, 0, 1, 9), (basins.OnHand, basins.Reserved, basins.Allocated, basins.Sellable));

        await cluster.Order("taobao-S1-1").PackAsync(new PackOrder("wh"));
        var shipped = await cluster.Order("taobao-S1-1").ShipAsync(new ShipOrder("SF", "SF9", "wh"));
        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        Assert.Equal(8, (await cluster.StockAsync("CUP")).OnHand);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task MergeAsync_SameCustomerAndAddress_KeepsLineageAndStockTotals(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.ReceiveAsync("BASIN", 10);
        await cluster.PlaceAsync(Paid("M1", Cup));
        await cluster.PlaceAsync(Paid("M2", Basin, Cup));

        var merged = await cluster.Order("taobao-M1").MergeAsync(new MergeOrders(["taobao-M2"], "cs:li", "one parcel"));
        var absorbed = await cluster.Order("taobao-M2").GetAsync();
        var allocated = await cluster.Order("taobao-M1").AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal(["taobao-M2"], merged.MergedFrom);
        Assert.Equal((OrderStatus.Merged, "taobao-M1"), (absorbed.Status, absorbed.MergedInto));
        Assert.Equal(3, merged.Lines.Count);
        Assert.Equal(20m + 30m + 20m, merged.TotalAmount);
        Assert.Equal(merged.TotalAmount, merged.PaidAmount);
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
        var cups = await cluster.StockAsync("CUP");
        var basins = await cluster.StockAsync("BASIN");
        Assert.Equal((0, 4, 6), (cups.Reserved, cups.Allocated, cups.Sellable));
        Assert.Equal((0, 1, 9), (basins.Reserved, basins.Allocated, basins.Sellable));
        var refused = await Assert.ThrowsAsync<DomainException>(() => cluster.Order("taobao-M2").PackAsync(new PackOrder("wh")));
        Assert.Equal(OrderErrors.InvalidTransition, refused.Code);
    }

    [Fact]
    public async Task MergeAsync_TargetCancelled_ReleasesItsOwnLinesAndGivesTheMergedOrderItsBack()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("M1", Cup));
        await cluster.PlaceAsync(Paid("M2", Cup));
        await cluster.Order("taobao-M1").MergeAsync(new MergeOrders(["taobao-M2"], "cs"));

        var cancelled = await cluster.Order("taobao-M1").CancelAsync(new CancelOrder("buyer cancelled", "cs"));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(OrderStatus.Paid, (await cluster.Order("taobao-M2").GetAsync()).Status);
        Assert.Equal((2, 8), ((await cluster.StockAsync("CUP")).Reserved, (await cluster.StockAsync("CUP")).Sellable));
    }

    [Fact]
    public async Task SplitAsync_PartReturned_RefundsThePartAndRestocksItsWarehouse()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10, "A");
        await cluster.ReceiveAsync("BASIN", 10, "B");
        await cluster.PlaceAsync(Paid("S2", Cup, Basin));
        await cluster.Order("taobao-S2").SplitAsync(new SplitOrder("ops"));
        var part = cluster.Order("taobao-S2-2");
        await part.PackAsync(new PackOrder("wh"));
        await part.ShipAsync(new ShipOrder("SF", "SF2", "wh"));
        await part.RequestReturnAsync(new RequestReturn("broken", "cs"));

        var refunded = await part.ReceiveReturnAsync(new ReceiveReturn("wh"));

        Assert.Equal((OrderStatus.Refunded, 30m), (refunded.Status, refunded.CreditNote?.Amount));
        var basins = await cluster.StockAsync("BASIN");
        Assert.Equal((10, 0, 10), (basins.OnHand, basins.Allocated, basins.Warehouses.Single(w => w.Warehouse == "B").OnHand));
    }

    [Theory]
    [InlineData("cash-on-delivery")]
    [InlineData("presale")]
    [InlineData("other-shop")]
    [InlineData("other-address")]
    public async Task MergeAsync_IncompatibleOrder_IsRefusedAndChangesNothing(string difference)
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("M1", Cup));
        var other = difference switch
        {
            "cash-on-delivery" => Paid("M2", Cup) with { Paid = false, PaymentMethod = PaymentMethods.CashOnDelivery },
            "presale" => Paid("M2", Cup) with { Presale = true },
            "other-shop" => Paid("M2", Cup) with { Shop = "flagship-2" },
            _ => Paid("M2", Cup) with { Address = Address with { Detail = "星湖街999号" } },
        };
        var placed = await cluster.PlaceAsync(other);

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.Order("taobao-M1").MergeAsync(new MergeOrders(["taobao-M2"], "cs")));

        Assert.Equal(OrderErrors.NotMergeable, error.Code);
        Assert.Equal(placed.Version, (await cluster.Order("taobao-M2").GetAsync()).Version);
        Assert.Empty((await cluster.Order("taobao-M1").GetAsync()).MergedFrom);
        Assert.Equal(4, (await cluster.StockAsync("CUP")).Reserved);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Sla_AllocationOverdue_EscalatesToLevelOneThenTwo(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("late", Cup));
        var order = cluster.Order("taobao-late");

        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(119));
        var onTime = await order.GetAsync();
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(1));
        var level1 = await order.GetAsync();
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromHours(2));
        var level2 = await order.GetAsync();

        Assert.Equal((false, 0), (onTime.Sla.Overdue, onTime.Sla.Level));
        Assert.Equal((true, 1, OrderSla.AllocationStage), (level1.Sla.Overdue, level1.Sla.Level, level1.Sla.Stage));
        Assert.Equal((true, 2), (level2.Sla.Overdue, level2.Sla.Level));
        var breaches = (await order.GetHistoryAsync()).Where(h => h.Type == "order.sla_breached").ToList();
        Assert.Equal(["allocation level 1", "allocation level 2"], breaches.Select(b => b.Reason));
        Assert.All(breaches, b => Assert.Equal("system", b.Actor));
    }

    [Fact]
    public async Task Sla_HeldOrderNotReviewedIn30Minutes_BreachesTheReviewStage()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("held", Cup) with { BuyerNote = "urgent please" });
        var order = cluster.Order("taobao-held");

        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(30));
        var breached = await order.GetAsync();
        await order.ReleaseHoldAsync(new ReleaseHold(HoldCodes.BuyerRemark, "done", "cs"));
        var released = await order.GetAsync();

        Assert.Equal((OrderSla.ReviewStage, 1, true), (breached.Sla.Stage, breached.Sla.Level, breached.Sla.Overdue));
        Assert.Equal((OrderSla.AllocationStage, 0, false, 1), (released.Sla.Stage, released.Sla.Level, released.Sla.Overdue, released.Sla.Breaches));
        Assert.Equal(cluster.Cluster.Time.GetUtcNow() + TimeSpan.FromHours(2), released.Sla.DueAt);
    }

    [Fact]
    public async Task Sla_StageAdvancedInTime_DoesNotBreach()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("ok", Cup));
        var order = cluster.Order("taobao-ok");

        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(90));
        await order.AllocateAsync(new AllocateOrder("ops"));
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(90));
        var packing = await order.GetAsync();

        Assert.Equal((OrderSla.PackingStage, false, 0), (packing.Sla.Stage, packing.Sla.Overdue, packing.Sla.Breaches));
    }

    [Fact]
    public async Task Sla_ShippedOrderUntouchedFor48Hours_RaisesRedAlert()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.PlaceAsync(Paid("quiet", Cup));
        var order = cluster.Order("taobao-quiet");
        await order.AllocateAsync(new AllocateOrder("ops"));
        await order.PackAsync(new PackOrder("wh"));
        await order.ShipAsync(new ShipOrder("SF", "SF1", "wh"));

        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromHours(48));

        var quiet = await order.GetAsync();
        Assert.True(quiet.Sla.RedAlert);
    }

    private static PlaceOrder Paid(string number, params OrderLineRequest[] lines)
    {
        var order = Order("taobao", number, lines);
        return order with { Paid = true, PaidAmount = order.Lines.Sum(l => l.Quantity * l.UnitPrice), PaymentId = $"pay-{number}" };
    }
}
