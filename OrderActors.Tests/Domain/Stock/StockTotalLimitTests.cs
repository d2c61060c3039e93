using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>
/// A SKU's on-hand across warehouses plus its presale allowance is at most <see cref="StockErrors.MaxTotal"/>: every
/// change that would go past it is refused naming its field before anything is written, and at the limit nothing
/// overflows and nothing is oversold. Grain tests over real storage, decision tests for the finer cases.
/// </summary>
public sealed class StockTotalLimitTests
{
    private const string Actor = "test";

    /// <summary>What is left of <see cref="StockErrors.MaxTotal"/> after 21 full warehouses (47,483,647).</summary>
    private const int Headroom = StockErrors.MaxTotal - (21 * StockErrors.MaxQuantity);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Changes_PastTheSkuTotal_AreRefusedNamingTheirFieldAndWriteNothing(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var stock = cluster.Stock("SKU-BIG");
        for (var i = 0; i < 21; i++)
        {
            await stock.ReceiveAsync(new StockReceipt($"W{i}", StockErrors.MaxQuantity, Actor));
        }

        var full = await stock.ReceiveAsync(new StockReceipt("W21", Headroom, Actor));
        var eventsBefore = (await cluster.FeedOfAsync(StockTestCluster.SkuId("SKU-BIG"))).Count;

        var receipt = await Assert.ThrowsAsync<DomainException>(() => stock.ReceiveAsync(new StockReceipt("W22", 1, Actor)));
        var count = await Assert.ThrowsAsync<DomainException>(() => stock.CountAsync(new StockCount("W22", 1, Actor)));
        var settings = await Assert.ThrowsAsync<DomainException>(() => stock.ConfigureAsync(new StockSettings(0, 0, 1, Actor)));
        var restock = await Assert.ThrowsAsync<DomainException>(() => stock.RestockAsync(new RestockReturn("ret-1", "W0", 1, Actor)));

        Assert.Equal((int.MaxValue, int.MaxValue), (full.OnHand, full.Sellable));
        Assert.Equal(
            [("quantity", "stock.total_too_large"), ("onHand", "stock.total_too_large"), ("presaleAllowance", "stock.total_too_large"), ("quantity", "stock.total_too_large")],
            new[] { receipt, count, settings, restock }.Select(e => (e.Field, e.Code)));
        Assert.All(new[] { receipt, count, settings, restock }, e => Assert.Equal(DomainErrorKind.Validation, e.Kind));
        var after = await stock.GetAsync();
        Assert.Equal((int.MaxValue, 0, int.MaxValue, 0, 22), (after.OnHand, after.Reserved, after.Sellable, after.PresaleAllowance, after.Warehouses.Count));
        Assert.Equal(eventsBefore, (await cluster.FeedOfAsync(StockTestCluster.SkuId("SKU-BIG"))).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reserve_WithOnHandAndPresaleAtTheLimit_SellsExactlyTheCoverAndNeverMore(string provider)
    {
        await using var cluster = await StockTestCluster.StartAsync(provider);
        var stock = cluster.Stock("SKU-EDGE");
        for (var i = 0; i < 20; i++)
        {
            await stock.ReceiveAsync(new StockReceipt($"W{i}", StockErrors.MaxQuantity, Actor));
        }

        await stock.ReceiveAsync(new StockReceipt("W20", Headroom, Actor));
        var configured = await stock.ConfigureAsync(new StockSettings(0, 0, StockErrors.MaxQuantity, Actor));

        var full = new List<ReservationResult>();
        for (var i = 0; i < 21; i++)
        {
            full.Add(await stock.ReserveAsync(new ReserveStock($"o-{i}", StockErrors.MaxQuantity, null, false, Actor)));
        }

        var tooMuch = await stock.ReserveAsync(new ReserveStock("o-over", StockErrors.MaxQuantity, null, false, Actor));
        var rest = await stock.ReserveAsync(new ReserveStock("o-rest", StockErrors.MaxQuantity, null, AllowShortage: true, Actor));
        var oneMore = await stock.ReserveAsync(new ReserveStock("o-one", 1, null, false, Actor));
        await stock.AllocateAsync(new AllocateStock("o-0", "W0", Actor));
        var allocated = await stock.GetAsync();
        var lowerPresale = await Assert.ThrowsAsync<DomainException>(() => stock.ConfigureAsync(new StockSettings(0, 0, 0, Actor)));

        Assert.Equal((int.MaxValue - StockErrors.MaxQuantity, int.MaxValue), (configured.OnHand, configured.Sellable));
        Assert.All(full, r => Assert.True(r.IsComplete));
        Assert.False(tooMuch.Accepted);
        Assert.Equal((Headroom, StockErrors.MaxQuantity - Headroom), (rest.Reserved, rest.Shortage));
        Assert.False(oneMore.Accepted);
        Assert.Equal((int.MaxValue - StockErrors.MaxQuantity, StockErrors.MaxQuantity, 0), (allocated.Reserved, allocated.Allocated, allocated.Sellable));
        Assert.Equal(("stock.settings_below_committed", DomainErrorKind.Conflict), (lowerPresale.Code, lowerPresale.Kind));
        Assert.Equal(StockErrors.MaxQuantity, (await stock.GetAsync()).PresaleAllowance);
    }

    [Fact]
    public void Count_IntoANewWarehousePastTheLimit_IsRefusedButLoweringAndReachingTheLimitAreNot()
    {
        var stock = FullWarehouses(21);
        var eventsBefore = stock.Events.Count;

        var refused = Assert.Throws<DomainException>(() => stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("W21", Headroom + 1, Actor))));
        var unchanged = stock.Events.Count;
        stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("W21", Headroom, Actor)));
        stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("W0", 5, Actor)));

        Assert.Equal(("onHand", "stock.total_too_large"), (refused.Field, refused.Code));
        Assert.Equal(eventsBefore, unchanged);
        Assert.Equal(int.MaxValue - StockErrors.MaxQuantity + 5, stock.View.OnHand);
    }

    [Fact]
    public void Configure_PresaleAllowancePastTheLimit_IsRefusedAndUpToItIsAccepted()
    {
        var stock = FullWarehouses(21);

        var refused = Assert.Throws<DomainException>(() => stock.Configure(presale: Headroom + 1));
        var sellableAfterRefusal = stock.View.Sellable;
        stock.Configure(presale: Headroom);

        Assert.Equal(("presaleAllowance", "stock.total_too_large", DomainErrorKind.Validation), (refused.Field, refused.Code, refused.Kind));
        Assert.Equal(21 * StockErrors.MaxQuantity, sellableAfterRefusal);
        Assert.Equal((int.MaxValue, Headroom), (stock.View.Sellable, stock.View.PresaleAllowance));
    }

    /// <summary>
    /// Before the limit a presale allowance could take the cover past <c>int</c> (sellable then showed 0). Such a SKU sells
    /// what can be counted, never lets the reserved count wrap round, and may be brought back under the limit.
    /// </summary>
    [Fact]
    public void Sellable_CoverAlreadyPastTheLimit_DoesNotOverflowAndReservationsStopAtTheCountableMaximum()
    {
        var stock = FullWarehouses(21);
        stock.State.Apply(new StockReceived("W21", Headroom, null));
        stock.State.Apply(new StockConfigured(0, 0, StockErrors.MaxQuantity));

        var sellable = stock.View.Sellable;
        for (var i = 0; i < 21; i++)
        {
            stock.Reserve($"o-{i}", StockErrors.MaxQuantity);
        }

        var beyondCount = stock.Reserve("o-over", StockErrors.MaxQuantity);
        var rest = stock.Reserve("o-rest", StockErrors.MaxQuantity, allowShortage: true);
        var raise = Assert.Throws<DomainException>(() => stock.Receive("W22", 1));
        stock.Release("o-0");
        stock.Configure(presale: StockErrors.MaxQuantity - 1);

        Assert.Equal(int.MaxValue, sellable);
        Assert.False(beyondCount.Accepted);
        Assert.Equal(Headroom, rest.Reserved);
        Assert.Equal(int.MaxValue - StockErrors.MaxQuantity, stock.View.Reserved);
        Assert.Equal("stock.total_too_large", raise.Code);
        Assert.Equal(StockErrors.MaxQuantity - 1, stock.View.PresaleAllowance);
    }

    [Fact]
    public void Restock_PastTheLimit_IsRefusedNamingQuantity()
    {
        var stock = FullWarehouses(21);
        stock.Receive("W21", Headroom);
        var eventsBefore = stock.Events.Count;

        var refused = Assert.Throws<DomainException>(() => stock.Restock("ret-1", "W0", 1));

        Assert.Equal(("quantity", "stock.total_too_large"), (refused.Field, refused.Code));
        Assert.Equal(eventsBefore, stock.Events.Count);
        Assert.Equal(int.MaxValue, stock.View.OnHand);
    }

    private static StockScenario FullWarehouses(int count)
    {
        var stock = new StockScenario();
        for (var i = 0; i < count; i++)
        {
            stock.Receive($"W{i}", StockErrors.MaxQuantity);
        }

        return stock;
    }
}
