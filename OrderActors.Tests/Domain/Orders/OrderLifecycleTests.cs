using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderLifecycleTests
{
    private const string Id = "own-L1";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Lifecycle_PaidToCompleted_MovesStockAtEachStep(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("own", "L1", new OrderLineRequest("SKU-1", 2, 50m)));
        var order = cluster.Order(Id);

        var paid = await order.ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "alipay"));
        var afterPay = await cluster.StockAsync("SKU-1");
        var allocated = await order.AllocateAsync(new AllocateOrder("ops"));
        var afterAllocate = await cluster.StockAsync("SKU-1");
        var packed = await order.PackAsync(new PackOrder("wh:zhao"));
        var shipped = await order.ShipAsync(new ShipOrder("SF", "SF1001", "wh:zhao"));
        var afterShip = await cluster.StockAsync("SKU-1");
        var delivered = await order.DeliverAsync(new DeliverOrder("carrier:sf"));
        var completed = await order.CompleteAsync(new CompleteOrder("system"));

        Assert.Equal(
            [OrderStatus.Paid, OrderStatus.Allocated, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed],
            [paid.Status, allocated.Status, packed.Status, shipped.Status, delivered.Status, completed.Status]);
        Assert.Equal((10, 2, 0, 8), (afterPay.OnHand, afterPay.Reserved, afterPay.Allocated, afterPay.Sellable));
        Assert.Equal((10, 0, 2, 8), (afterAllocate.OnHand, afterAllocate.Reserved, afterAllocate.Allocated, afterAllocate.Sellable));
        Assert.Equal((8, 0, 0, 8), (afterShip.OnHand, afterShip.Reserved, afterShip.Allocated, afterShip.Sellable));
        Assert.Equal("SZ", completed.Warehouse);
        Assert.Equal(("SF", "SF1001"), (completed.Carrier, completed.WaybillNo));
        var history = await order.GetHistoryAsync();
        Assert.Equal(
            ["order.placed", "order.paid", "order.allocated", "order.packed", "order.shipped", "order.delivered", "order.completed"],
            history.Select(h => h.Type));
        Assert.Equal("wh:zhao", history[4].Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Lifecycle_ShippedThenReturned_RestocksAndRecordsCreditNote(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = await ShippedAsync(cluster);

        var requested = await order.RequestReturnAsync(new RequestReturn("wrong size", "cs:li"));
        var refunded = await order.ReceiveReturnAsync(new ReceiveReturn("wh:zhao"));

        Assert.Equal(OrderStatus.ReturnRequested, requested.Status);
        Assert.Equal(OrderStatus.Refunded, refunded.Status);
        Assert.Equal(100m, refunded.CreditNote?.Amount);
        Assert.Equal("wrong size", refunded.ReturnReason);
        var stock = await cluster.StockAsync("SKU-1");
        Assert.Equal((10, 10), (stock.OnHand, stock.Sellable));
        Assert.Equal(["order.returned", "order.refunded"], (await order.GetHistoryAsync()).TakeLast(2).Select(h => h.Type));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RequestReturnAsync_AfterShippingDeliveryOrCompletion_OpensAReturnThatRefunds(int stepsAfterShipping)
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = await ShippedAsync(cluster);
        if (stepsAfterShipping >= 1)
        {
            await order.DeliverAsync(new DeliverOrder("sf"));
        }

        if (stepsAfterShipping >= 2)
        {
            await order.CompleteAsync(new CompleteOrder("system"));
        }

        var requested = await order.RequestReturnAsync(new RequestReturn("damaged", "cs"));
        var refunded = await order.ReceiveReturnAsync(new ReceiveReturn("wh", RefundAmount: 80m));

        Assert.Equal(OrderStatus.ReturnRequested, requested.Status);
        Assert.Equal((OrderStatus.Refunded, 80m), (refunded.Status, refunded.CreditNote?.Amount));
        Assert.Equal(10, (await cluster.StockAsync("SKU-1")).OnHand);
    }

    [Fact]
    public async Task RequestReturnAsync_BeforeShipping_InterceptsAndReleasesTheAllocation()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("own", "L1", new OrderLineRequest("SKU-1", 2, 50m)));
        var order = cluster.Order(Id);
        await order.ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "alipay"));
        await order.AllocateAsync(new AllocateOrder("ops"));
        await order.PackAsync(new PackOrder("wh"));

        var intercepted = await order.RequestReturnAsync(new RequestReturn("changed my mind", "cs"));

        Assert.Equal(OrderStatus.Cancelled, intercepted.Status);
        var stock = await cluster.StockAsync("SKU-1");
        Assert.Equal((10, 0, 0, 10), (stock.OnHand, stock.Reserved, stock.Allocated, stock.Sellable));
    }

    public static TheoryData<string, string> IllegalCommands => new()
    {
        { "placed", "allocate" }, { "placed", "pack" }, { "placed", "ship" }, { "placed", "deliver" }, { "placed", "complete" },
        { "placed", "receive-return" }, { "placed", "approve" }, { "placed", "split" },
        { "paid", "pack" }, { "paid", "ship" }, { "paid", "deliver" }, { "paid", "complete" }, { "paid", "receive-return" },
        { "allocated", "pay" }, { "allocated", "ship" }, { "allocated", "complete" }, { "allocated", "split" },
        { "shipped", "cancel" }, { "shipped", "pay" }, { "shipped", "allocate" }, { "shipped", "pack" }, { "shipped", "complete" },
        { "shipped", "change-address" },
        { "cancelled", "pay" }, { "cancelled", "allocate" }, { "cancelled", "pack" }, { "cancelled", "return" }, { "cancelled", "change-address" },
        { "completed", "cancel" }, { "completed", "deliver" }, { "completed", "receive-return" },
    };

    [Theory]
    [MemberData(nameof(IllegalCommands))]
    public async Task Command_IllegalInState_FailsWithInvalidTransitionAndChangesNothing(string state, string command)
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = await ReachAsync(cluster, state);
        var before = await order.GetAsync();
        var historyBefore = await order.GetHistoryAsync();
        var stockBefore = await cluster.StockAsync("SKU-1");

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(order, command));

        Assert.Equal((OrderErrors.InvalidTransition, DomainErrorKind.Conflict), (error.Code, error.Kind));
        var after = await order.GetAsync();
        Assert.Equal((before.Version, before.Status), (after.Version, after.Status));
        Assert.Equal(historyBefore.Count, (await order.GetHistoryAsync()).Count);
        var stockAfter = await cluster.StockAsync("SKU-1");
        Assert.Equal((stockBefore.OnHand, stockBefore.Reserved, stockBefore.Allocated), (stockAfter.OnHand, stockAfter.Reserved, stockAfter.Allocated));
    }

    [Fact]
    public async Task PlaceAsync_CashOnDelivery_ShipsWithoutPaymentAndIsNeverHeldForPayment()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var cod = Order("own", "cod") with { PaymentMethod = PaymentMethods.CashOnDelivery };

        var placed = await cluster.PlaceAsync(cod);
        await cluster.Cluster.AdvanceTimeAsync(TimeSpan.FromMinutes(31));
        var allocated = await cluster.Order(cod).AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal((OrderStatus.Paid, 0m, (DateTimeOffset?)null), (placed.Status, placed.PaidAmount, placed.PaymentDueAt));
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
    }

    [Fact]
    public async Task CancelAsync_PaidOrder_ReleasesStockAndRepeatIsANoOp()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("own", "L1", new OrderLineRequest("SKU-1", 4, 5m)));
        await cluster.Order(Id).ConfirmPaymentAsync(new ConfirmPayment("p", 20m, "pay"));

        var cancelled = await cluster.Order(Id).CancelAsync(new CancelOrder("out of stock at the supplier", "cs"));
        var again = await cluster.Order(Id).CancelAsync(new CancelOrder("again", "cs"));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(cancelled.Version, again.Version);
        Assert.Equal("out of stock at the supplier", again.CancelReason);
        Assert.Equal((10, 0), ((await cluster.StockAsync("SKU-1")).Sellable, (await cluster.StockAsync("SKU-1")).Reserved));
    }

    [Fact]
    public async Task GetAsync_OrderNeverPlaced_IsNotFound()
    {
        await using var cluster = await OrderCluster.StartAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.Order("own-nothing").PackAsync(new PackOrder("wh")));

        Assert.Equal((OrderErrors.NotFound, DomainErrorKind.NotFound), (error.Code, error.Kind));
    }

    [Fact]
    public async Task FindAsync_BeforeAndAfterPlacement_IsNullThenTheOrder()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);

        var before = await cluster.Order(Id).FindAsync();
        await cluster.PlaceAsync(Order("own", "L1"));
        var after = await cluster.Order(Id).FindAsync();

        Assert.Null(before);
        Assert.Equal((Id, OrderStatus.PendingPayment), (after!.Id, after.Status));
    }

    [Fact]
    public async Task ChangeAddressAsync_BeforePacking_RecordsOldAndNewValuesInHistory()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("own", "L1"));
        var moved = Address with { City = "无锡市", District = "滨湖区", Detail = "太湖大道100号" };

        var changed = await cluster.Order(Id).ChangeAddressAsync(new ChangeAddress(moved, "buyer moved", "cs:li"));

        Assert.Equal(moved, changed.Address);
        var entry = (await cluster.Order(Id).GetHistoryAsync())[^1];
        Assert.Equal(("order.address_changed", "cs:li", "buyer moved"), (entry.Type, entry.Actor, entry.Reason));
        Assert.Contains(new FieldChange("address.city", "苏州市", "无锡市"), entry.Changes);
        Assert.Contains(new FieldChange("address", Address.ToString(), moved.ToString()), entry.Changes);
    }

    private static async Task<IOrderGrain> ShippedAsync(OrderCluster cluster)
    {
        await cluster.PlaceAsync(Order("own", "L1", new OrderLineRequest("SKU-1", 2, 50m)));
        var order = cluster.Order(Id);
        await order.ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "alipay"));
        await order.AllocateAsync(new AllocateOrder("ops"));
        await order.PackAsync(new PackOrder("wh"));
        await order.ShipAsync(new ShipOrder("SF", "SF1001", "wh"));
        return order;
    }

    private static async Task<IOrderGrain> ReachAsync(OrderCluster cluster, string state)
    {
        await cluster.PlaceAsync(Order("own", "L1", new OrderLineRequest("SKU-1", 2, 50m)));
        var order = cluster.Order(Id);
        if (state == "cancelled")
        {
            await order.CancelAsync(new CancelOrder("buyer asked", "cs"));
            return order;
        }

        var steps = new Func<Task>[]
        {
            () => order.ConfirmPaymentAsync(new ConfirmPayment("p-1", 100m, "alipay")),
            () => order.AllocateAsync(new AllocateOrder("ops")),
            () => order.PackAsync(new PackOrder("wh")),
            () => order.ShipAsync(new ShipOrder("SF", "1", "wh")),
            () => order.DeliverAsync(new DeliverOrder("sf")),
            () => order.CompleteAsync(new CompleteOrder("system")),
        };
        var count = state switch { "placed" => 0, "paid" => 1, "allocated" => 2, "shipped" => 4, "completed" => 6, _ => throw new ArgumentOutOfRangeException(nameof(state)) };
        foreach (var step in steps.Take(count))
        {
            await step();
        }

        return order;
    }

    private static Task RunAsync(IOrderGrain order, string command) => command switch
    {
        "pay" => order.ConfirmPaymentAsync(new ConfirmPayment("p-other", 100m, "pay")),
        "cancel" => order.CancelAsync(new CancelOrder("why", "cs")),
        "allocate" => order.AllocateAsync(new AllocateOrder("ops")),
        "pack" => order.PackAsync(new PackOrder("wh")),
        "ship" => order.ShipAsync(new ShipOrder("YTO", "Y1", "wh")),
        "deliver" => order.DeliverAsync(new DeliverOrder("yto")),
        "complete" => order.CompleteAsync(new CompleteOrder("system")),
        "return" => order.RequestReturnAsync(new RequestReturn("broken", "cs")),
        "receive-return" => order.ReceiveReturnAsync(new ReceiveReturn("wh", "SZ")),
        "approve" => order.ApproveAsync(new ApproveOrder("sales", "li")),
        "split" => order.SplitAsync(new SplitOrder("ops")),
        "change-address" => order.ChangeAddressAsync(new ChangeAddress(Address with { Detail = "另一个地址88号" }, "moved", "cs")),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
