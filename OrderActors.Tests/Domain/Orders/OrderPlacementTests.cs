using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Tests.Infrastructure;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderPlacementTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PlaceAsync_LastSkuShort_ReservesNothingAndCreatesNoOrder(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("A", 10);
        await cluster.ReceiveAsync("B", 10);
        await cluster.ReceiveAsync("C", 1);
        var order = Order("own", "short-1", new("A", 2, 10m), new("B", 2, 10m), new("C", 2, 10m));

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.PlaceAsync(order));

        Assert.Equal((OrderErrors.StockInsufficient, DomainErrorKind.Conflict), (error.Code, error.Kind));
        var (a, b, c) = (await cluster.StockAsync("A"), await cluster.StockAsync("B"), await cluster.StockAsync("C"));
        Assert.Equal((10, 10, 1), (a.Sellable, b.Sellable, c.Sellable));
        Assert.Equal((0, 0, 0), (a.Reserved, b.Reserved, c.Reserved));
        Assert.Equal(0, await cluster.VersionAsync("own-short-1"));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task PlaceAsync_TwoHundredBuyersRaceForFiftyUnits_ExactlyFiftyOrdersExist(string provider)
    {
        await using var cluster = await OrderCluster.StartAsync(provider);
        await cluster.ReceiveAsync("HOT", 50);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try
            {
                await cluster.PlaceAsync(Order("own", $"race-{i}", new OrderLineRequest("HOT", 1, 99m)) with { Customer = new CustomerContact("买家", $"1350000{i:0000}") });
                return true;
            }
            catch (DomainException e) when (e.Code == OrderErrors.StockInsufficient)
            {
                return false;
            }
        }));

        var placed = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            if (await cluster.VersionAsync($"own-race-{i}") > 0)
            {
                placed.Add(i);
            }
        }

        Assert.Equal(50, attempts.Count(a => a));
        Assert.Equal(Enumerable.Range(0, 200).Where(i => attempts[i]), placed);
        var stock = await cluster.StockAsync("HOT");
        Assert.Equal((0, 50, 50), (stock.Sellable, stock.Reserved, stock.OnHand));
    }

    [Fact]
    public async Task TryPlaceAsync_TwentyConcurrentDeliveriesOfOneOrder_ExactlyOneCreatesIt()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("A", 10);
        var order = Order("own", "dup-1", new OrderLineRequest("A", 1, 10m));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cluster.Order("own-dup-1").TryPlaceAsync(order)));

        Assert.Equal(1, outcomes.Count(o => o.Created));
        Assert.All(outcomes, o => Assert.Equal("own-dup-1", o.OrderOrThrow().Id));
        Assert.Equal(1, (await cluster.StockAsync("A")).Reserved);
    }

    [Fact]
    public async Task PlaceAsync_BundleWithSameSkuOnTwoLines_CannotOversell()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("X", 3);

        var refused = await Assert.ThrowsAsync<DomainException>(() => cluster.PlaceAsync(Order("own", "bundle-1", new("X", 2, 10m), new("X", 2, 10m))));
        var accepted = await cluster.PlaceAsync(Order("own", "bundle-2", new("X", 1, 10m), new("X", 2, 10m)));

        Assert.Equal(OrderErrors.StockInsufficient, refused.Code);
        Assert.Equal(OrderStatus.PendingPayment, accepted.Status);
        var stock = await cluster.StockAsync("X");
        Assert.Equal((0, 3), (stock.Sellable, stock.Reserved));
    }

    [Fact]
    public async Task PlaceAsync_SameOrderTwice_ReturnsTheOrderWithoutNewEvents()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 5);
        var first = await cluster.PlaceAsync(Order("own", "twice"));

        var second = await cluster.PlaceAsync(Order("own", "twice"));

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(1, (await cluster.StockAsync("SKU-1")).Reserved);
        Assert.Single(await cluster.Order("own-twice").GetHistoryAsync());
    }

    [Fact]
    public async Task PlaceAsync_MarketplaceOrderShort_IsAcceptedWithInsufficientStockHoldUntilStockArrives()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 1);
        var order = Order("taobao", "T100", new OrderLineRequest("SKU-1", 3, 100m)) with { Paid = true, PaidAmount = 300m, PaymentId = "alipay-1" };

        var placed = await cluster.PlaceAsync(order);
        var refused = await Assert.ThrowsAsync<DomainException>(() => cluster.Order(order).ReleaseHoldAsync(new ReleaseHold(HoldCodes.InsufficientStock, "try", "ops")));
        await cluster.ReceiveAsync("SKU-1", 5);
        await cluster.Order(order).ReleaseHoldAsync(new ReleaseHold(HoldCodes.InsufficientStock, "stock received", "ops"));
        var allocated = await cluster.Order(order).AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal(OrderStatus.Paid, placed.Status);
        Assert.Equal([HoldCodes.InsufficientStock], placed.Holds.Select(h => h.Code));
        Assert.Equal("Not every line could be reserved in full: SKU-1 short by 2.", placed.Holds[0].Detail);
        Assert.Equal((OrderErrors.StockInsufficient, "The stock is still short (SKU-1 short by 2); receive stock first."), (refused.Code, refused.Message));
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
        var stock = await cluster.StockAsync("SKU-1");
        Assert.Equal((6, 0, 3, 3), (stock.OnHand, stock.Reserved, stock.Allocated, stock.Sellable));
    }

    [Fact]
    public async Task PlaceAsync_SameOrderFromTwoChannels_HoldsTheSecondAsSuspectedDuplicate()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var taobao = Order("taobao", "T1") with { Paid = true, PaidAmount = 100m, PaymentId = "a" };
        var jd = Order("jd", "J1") with { Paid = true, PaidAmount = 100m, PaymentId = "b", Customer = new CustomerContact("张三", "+86 138 0013 8000") };

        var first = await cluster.PlaceAsync(taobao);
        var second = await cluster.PlaceAsync(jd);

        Assert.Empty(first.Holds);
        Assert.Equal([HoldCodes.SuspectedDuplicate], second.Holds.Select(h => h.Code));
        Assert.Contains("taobao-T1", second.Holds[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)] // the default window: 24 h
    [InlineData(48, true)]
    public async Task PlaceAsync_SameOrderFromAnotherChannel30HoursLater_IsHeldOnlyWithinTheRulesDuplicateWindow(int? windowHours, bool held)
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        if (windowHours is { } hours)
        {
            await cluster.Rules.PutExceptionsAsync(new ExceptionRules { SuspectedDuplicate = new DuplicateCheck { Window = TimeSpan.FromHours(hours) } }, "admin");
        }

        var taobao = Order("taobao", "T1") with { Paid = true, PaidAmount = 100m, PaymentId = "a" };
        var jd = Order("jd", "J1") with { Paid = true, PaidAmount = 100m, PaymentId = "b" };

        await cluster.PlaceAsync(taobao);
        cluster.Cluster.Time.Advance(TimeSpan.FromHours(30));
        var second = await cluster.PlaceAsync(jd);

        Assert.Equal(held ? [HoldCodes.SuspectedDuplicate] : [], second.Holds.Select(h => h.Code));
    }

    [Fact]
    public async Task PlaceAsync_InvalidInput_ChangesNothing()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 5);
        var order = Order("own", "bad", new OrderLineRequest("SKU-1", 1, 10m), new OrderLineRequest("SKU-1", -1, 10m));

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.PlaceAsync(order));

        Assert.Equal(("validation.out_of_range", "lines[1].quantity"), (error.Code, error.Field));
        Assert.Equal(0, (await cluster.StockAsync("SKU-1")).Reserved);
        Assert.Equal(0, await cluster.VersionAsync("own-bad"));
    }
}
