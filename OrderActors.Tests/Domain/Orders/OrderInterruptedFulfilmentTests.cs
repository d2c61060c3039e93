using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains;
using OrderActors.Grains.Ledger;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Runtime.Faults;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>
/// Allocation, split and merge write to SKU and other order grains before the order's own append. A stop just before
/// that append (here: the append fails before it commits, as a SIGKILL of the silo left it, found by a crash probe)
/// leaves the earlier writes durable; the caller got no answer and sends the same command again, which must finish
/// the work, not be refused by what the first attempt already did.
/// </summary>
public sealed class OrderInterruptedFulfilmentTests
{
    private static readonly OrderLineRequest Cup = new("CUP", 2, 10m, "杯子");
    private static readonly OrderLineRequest Basin = new("BASIN", 1, 30m, "折叠盆");

    /// <summary>Warehouse A has exactly what the order needs: once its first SKU is allocated, A looked empty to the retry (409 no warehouse).</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AllocateAsync_StopBeforeTheOrdersAppend_RetryFinishesInTheSameWarehouse(string provider)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("CUP", 2, "A");
        await cluster.ReceiveAsync("BASIN", 1, "A");
        await cluster.ReceiveAsync("BASIN", 5, "B");
        await cluster.PlaceAsync(Paid("A1", Cup, Basin));
        var order = cluster.Order("taobao-A1");
        faults.FailNextAppendOf(OrderIndex.GrainType, "taobao-A1");
        await Assert.ThrowsAsync<StorageWriteException>(() => order.AllocateAsync(new AllocateOrder("ops")));

        var allocated = await order.AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal((OrderStatus.Allocated, "A"), (allocated.Status, allocated.Warehouse));
        var cups = await cluster.StockAsync("CUP");
        var basins = await cluster.StockAsync("BASIN");
        Assert.Equal((2, 0, 2, 0), (cups.OnHand, cups.Reserved, cups.Allocated, cups.Sellable));
        Assert.Equal((1, 0), (basins.Warehouses.Single(w => w.Warehouse == "A").Allocated, basins.Warehouses.Single(w => w.Warehouse == "B").Allocated));
        Assert.Empty((await LedgerAsync(cluster)).Drifts);
    }

    [Fact]
    public async Task AllocateAsync_StopBeforeTheOrdersAppendThenAnotherWarehouseAsked_IsRefusedAndNothingMoves()
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync("sqlite", services: faults.Install);
        await cluster.ReceiveAsync("CUP", 2, "A");
        await cluster.ReceiveAsync("CUP", 2, "B");
        await cluster.ReceiveAsync("BASIN", 1, "A");
        await cluster.ReceiveAsync("BASIN", 1, "B");
        await cluster.PlaceAsync(Paid("A2", Cup, Basin));
        var order = cluster.Order("taobao-A2");
        faults.FailNextAppendOf(OrderIndex.GrainType, "taobao-A2");
        await Assert.ThrowsAsync<StorageWriteException>(() => order.AllocateAsync(new AllocateOrder("ops", "A")));

        var refused = await Assert.ThrowsAsync<DomainException>(() => order.AllocateAsync(new AllocateOrder("ops", "B")));
        var finished = await order.AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal("stock.already_allocated", refused.Code);
        Assert.Equal((OrderStatus.Allocated, "A"), (finished.Status, finished.Warehouse));
        Assert.Equal(0, (await cluster.StockAsync("CUP")).Warehouses.Single(w => w.Warehouse == "B").Allocated);
        Assert.Empty((await LedgerAsync(cluster)).Drifts);
    }

    /// <summary>
    /// Each warehouse has exactly one line's stock. A stop before the first part's append (its units already moved and
    /// allocated) or before the parent's (both parts stored) made every retry 409 "no warehouse has the stock".
    /// </summary>
    [Theory]
    [InlineData("sqlite", "taobao-S1-1")]
    [InlineData("sqlite", "taobao-S1-2")]
    [InlineData("sqlite", "taobao-S1")]
    [InlineData("postgres", "taobao-S1")]
    public async Task SplitAsync_StopBeforeAnAppend_RetryMakesTheSamePartsAndKeepsStockTotals(string provider, string stoppedBefore)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("CUP", 2, "A");
        await cluster.ReceiveAsync("BASIN", 1, "B");
        await cluster.PlaceAsync(Paid("S1", Cup, Basin));
        var parent = cluster.Order("taobao-S1");
        faults.FailNextAppendOf(OrderIndex.GrainType, stoppedBefore);
        await Assert.ThrowsAsync<StorageWriteException>(() => parent.SplitAsync(new SplitOrder("ops", "two warehouses")));

        var split = await parent.SplitAsync(new SplitOrder("ops", "two warehouses"));

        Assert.Equal(OrderStatus.Split, split.Status);
        Assert.Equal(["taobao-S1-1", "taobao-S1-2"], split.ChildOrderIds);
        var first = await cluster.Order("taobao-S1-1").GetAsync();
        var second = await cluster.Order("taobao-S1-2").GetAsync();
        Assert.Equal((OrderStatus.Allocated, "A", "CUP"), (first.Status, first.Warehouse, first.Lines.Single().Sku));
        Assert.Equal((OrderStatus.Allocated, "B", "BASIN"), (second.Status, second.Warehouse, second.Lines.Single().Sku));
        var cups = await cluster.StockAsync("CUP");
        var basins = await cluster.StockAsync("BASIN");
        Assert.Equal((2, 0, 2, 0), (cups.OnHand, cups.Reserved, cups.Allocated, cups.Sellable));
        Assert.Equal((1, 0, 1, 0), (basins.OnHand, basins.Reserved, basins.Allocated, basins.Sellable));
        Assert.Empty((await LedgerAsync(cluster)).Drifts);
    }

    /// <summary>
    /// A stop after the other orders were merged into the target, before the target's append (or between two of them):
    /// the retry found an order already Merged and refused the whole merge (409 not mergeable), so the target never
    /// took those lines while holding their stock.
    /// </summary>
    [Theory]
    [InlineData("sqlite", "taobao-M1")]
    [InlineData("sqlite", "taobao-M3")]
    [InlineData("postgres", "taobao-M1")]
    public async Task MergeAsync_StopBeforeAnAppend_RetryFinishesTheMerge(string provider, string stoppedBefore)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("CUP", 10);
        await cluster.ReceiveAsync("BASIN", 10);
        await cluster.PlaceAsync(Paid("M1", Cup));
        await cluster.PlaceAsync(Paid("M2", Basin, Cup));
        await cluster.PlaceAsync(Paid("M3", Basin));
        var target = cluster.Order("taobao-M1");
        faults.FailNextAppendOf(OrderIndex.GrainType, stoppedBefore);
        await Assert.ThrowsAsync<StorageWriteException>(() => target.MergeAsync(new MergeOrders(["taobao-M2", "taobao-M3"], "cs:li", "one parcel")));

        var merged = await target.MergeAsync(new MergeOrders(["taobao-M2", "taobao-M3"], "cs:li", "one parcel"));

        Assert.Equal(["taobao-M2", "taobao-M3"], merged.MergedFrom);
        Assert.Equal((4, 20m + 50m + 30m), (merged.Lines.Count, merged.TotalAmount));
        Assert.Equal(merged.TotalAmount, merged.PaidAmount);
        Assert.Equal(("taobao-M1", "taobao-M1"), ((await cluster.Order("taobao-M2").GetAsync()).MergedInto, (await cluster.Order("taobao-M3").GetAsync()).MergedInto));
        var allocated = await target.AllocateAsync(new AllocateOrder("ops"));
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
        Assert.Equal((0, 4), ((await cluster.StockAsync("CUP")).Reserved, (await cluster.StockAsync("CUP")).Allocated));
        Assert.Equal((0, 2), ((await cluster.StockAsync("BASIN")).Reserved, (await cluster.StockAsync("BASIN")).Allocated));
        Assert.Empty((await LedgerAsync(cluster)).Drifts);
    }

    private static Task<LedgerReport> LedgerAsync(OrderCluster cluster) =>
        new LedgerChecker(cluster.Cluster.Services.GetRequiredService<IGrainFactory>(), cluster.Cluster.Services.GetRequiredService<IGrainStorage>(), TimeProvider.System).CheckAsync();

    private static PlaceOrder Paid(string number, params OrderLineRequest[] lines)
    {
        var order = Order("taobao", number, lines);
        return order with { Paid = true, PaidAmount = order.Lines.Sum(l => l.Quantity * l.UnitPrice), PaymentId = $"pay-{number}" };
    }
}
