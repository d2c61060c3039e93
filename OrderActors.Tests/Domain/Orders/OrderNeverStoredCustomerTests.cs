using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime.Storage;
using OrderActors.Tests.Infrastructure;
using OrderActors.Tests.Runtime.Faults;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>
/// A placement records the order with its customer before the order's own append. When that append never happens (the
/// placement fails, or the silo stops between the two), the customer must not keep counting an order that does not
/// exist, nor hold a later order as its duplicate.
/// </summary>
public sealed class OrderNeverStoredCustomerTests
{
    private const string Phone = "13800138000";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_OrderAppendFails_CustomerForgetsTheOrderAndStockIsReleased(string provider)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("SKU-1", 10);
        faults.FailNextAppendOf(OrderIndex.GrainType);

        await Assert.ThrowsAsync<StorageWriteException>(() => cluster.PlaceAsync(Order("taobao", "T1")));

        var customer = await cluster.Cluster.GetGrain<ICustomerGrain>(Phone).GetAsync();
        Assert.Empty(customer.Orders);
        Assert.Equal(0m, customer.TotalSpend);
        Assert.Equal(0, await cluster.VersionAsync("taobao-T1"));
        Assert.Equal((0, 10), ((await cluster.StockAsync("SKU-1")).Reserved, (await cluster.StockAsync("SKU-1")).Sellable));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_SameBasketAsAnOrderNeverStored_IsNoDuplicateAndTheCustomerForgetsIt(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 10);
        var customer = cluster.Cluster.GetGrain<ICustomerGrain>(Phone);
        // What a crash between the customer's recording and the order's append leaves: the customer has taobao-T1, no
        // order taobao-T1 exists.
        await RecordNeverStoredAsync(customer, "taobao-T1", "taobao", T0);

        var jd = await cluster.PlaceAsync(Order("jd", "J1") with { Customer = new CustomerContact("张三", "+86 138 0013 8000") });

        Assert.Empty(jd.Holds);
        var after = await customer.GetAsync();
        Assert.Equal(["jd-J1"], after.Orders.Select(o => o.OrderId));
        Assert.Equal(100m, after.TotalSpend);
        Assert.Equal(0, await cluster.VersionAsync("taobao-T1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public Task PlaceAsync_RepeatsAnOrderNeverStoredAndAnOlderRealOne_IsHeldAsDuplicateOfTheRealOne(string provider) =>
        AssertHeldAgainstTheRealOrderAsync(provider, ("taobao-T1", "taobao", TimeSpan.FromHours(1)));

    /// <summary>The next order repeats the later recording first, and once that is forgotten, the earlier one.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public Task PlaceAsync_RepeatsTwoOrdersNeverStoredAndAnOlderRealOne_IsHeldAsDuplicateOfTheRealOne(string provider) =>
        AssertHeldAgainstTheRealOrderAsync(provider, ("douyin-D1", "douyin", TimeSpan.FromMinutes(30)), ("taobao-T1", "taobao", TimeSpan.FromHours(1)));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_MarketplaceOrderStockWriteFails_CustomerKeepsNoOrder(string provider)
    {
        var faults = new StorageFaults();
        await using var cluster = await OrderCluster.StartAsync(provider, services: faults.Install);
        await cluster.ReceiveAsync("SKU-1", 10);
        faults.FailNextAppendOf(SkuStockGrain.GrainTypeName);

        await Assert.ThrowsAsync<StorageWriteException>(() => cluster.PlaceAsync(Order("taobao", "T1") with { Paid = true, PaidAmount = 100m, PaymentId = "p1" }));

        Assert.Empty((await cluster.Cluster.GetGrain<ICustomerGrain>(Phone).GetAsync()).Orders);
        Assert.Equal(0, await cluster.VersionAsync("taobao-T1"));
        Assert.Equal((0, 10), ((await cluster.StockAsync("SKU-1")).Reserved, (await cluster.StockAsync("SKU-1")).Sellable));
    }

    [Fact]
    public async Task ForgetUnstoredAtCustomerAsync_OrderExists_KeepsItWithTheCustomer()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        await cluster.PlaceAsync(Order("taobao", "T1"));

        var forgotten = await cluster.Order("taobao-T1").ForgetUnstoredAtCustomerAsync(new ForgetUnstoredAtCustomer(Phone, "test", "test"));

        Assert.False(forgotten);
        Assert.Equal(["taobao-T1"], (await cluster.Cluster.GetGrain<ICustomerGrain>(Phone).GetAsync()).Orders.Select(o => o.OrderId));
    }

    /// <summary>
    /// A real paid order pdd-P1 at <c>T0</c>, then recordings at <c>T0</c> + each offset whose orders were never
    /// stored (all repeating pdd-P1's basket from other channels), then jd-J1: it is held as a duplicate of pdd-P1, and
    /// the customer keeps only the two real orders.
    /// </summary>
    private static async Task AssertHeldAgainstTheRealOrderAsync(string provider, params (string OrderId, string Channel, TimeSpan After)[] neverStored)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("SKU-1", 10);
        var customer = cluster.Cluster.GetGrain<ICustomerGrain>(Phone);
        // Paid, so that the hour below does not cancel it (an unpaid order's hold is 30 minutes).
        await cluster.PlaceAsync(Order("pdd", "P1") with { Paid = true, PaidAmount = 100m, PaymentId = "p1" });
        cluster.Cluster.Time.Advance(TimeSpan.FromHours(1));
        foreach (var (orderId, channel, after) in neverStored)
        {
            await RecordNeverStoredAsync(customer, orderId, channel, T0 + after);
        }

        var jd = await cluster.PlaceAsync(Order("jd", "J1") with { Customer = new CustomerContact("张三", "+86 138 0013 8000") });

        Assert.Equal([HoldCodes.SuspectedDuplicate], jd.Holds.Select(h => h.Code));
        Assert.Contains("pdd-P1", jd.Holds[0].Detail, StringComparison.Ordinal);
        var customerAfter = await customer.GetAsync();
        Assert.Equal(["pdd-P1", "jd-J1"], customerAfter.Orders.Select(o => o.OrderId));
        Assert.Equal(200m, customerAfter.TotalSpend);

        // What the customer stored says the same after a restart: jd-J1's recording (read again, idempotent) repeats pdd-P1.
        await cluster.Cluster.RestartAsync();
        var reloaded = await cluster.Cluster.GetGrain<ICustomerGrain>(Phone).RecordOrderAsync(Recording("jd-J1", "jd", T0 + TimeSpan.FromHours(1)));
        Assert.Equal((true, true, "pdd-P1"), (reloaded.AlreadyRecorded, reloaded.SuspectedDuplicate, reloaded.DuplicateOfOrderId));
        Assert.Equal(["pdd-P1", "jd-J1"], (await cluster.Cluster.GetGrain<ICustomerGrain>(Phone).GetAsync()).Orders.Select(o => o.OrderId));
    }

    /// <summary>What a crash between the customer's recording and the order's append leaves: the recording, no order.</summary>
    private static Task RecordNeverStoredAsync(ICustomerGrain customer, string orderId, string channel, DateTimeOffset placedAt) =>
        customer.RecordOrderAsync(Recording(orderId, channel, placedAt));

    private static CustomerOrder Recording(string orderId, string channel, DateTimeOffset placedAt) =>
        new(orderId, channel, "张三", new CustomerAddress(Address.Province!, Address.City!, Address.District!, Address.Detail!),
            [new CustomerOrderItem("SKU-1", 1)], 100m, placedAt, "test");
}
