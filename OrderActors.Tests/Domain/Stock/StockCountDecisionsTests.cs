using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>A physical count sets a warehouse's on-hand, unless it would leave committed stock uncovered.</summary>
public sealed class StockCountDecisionsTests
{
    private readonly StockScenario _stock = new();

    [Fact]
    public void Count_BelowCommitted_IsRefusedAndChangesNothing()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("o-1", 6);

        var error = Assert.Throws<DomainException>(() => _stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("SZ", 5, "test"))));

        Assert.Equal(("stock.count_below_committed", DomainErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Contains("Reserved by: o-1 (6).", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, _stock.View.OnHand);
    }

    /// <summary>The refusal names the orders to release: those allocated in the warehouse counted, largest first.</summary>
    [Fact]
    public void Count_BelowWhatIsAllocatedThere_NamesTheOrdersAllocatedThere()
    {
        _stock.Receive("SZ", 10);
        _stock.Receive("GZ", 10);
        foreach (var (order, quantity, warehouse) in new[] { ("o-1", 2, "SZ"), ("o-2", 5, "SZ"), ("o-3", 4, "GZ") })
        {
            _stock.Reserve(order, quantity);
            _stock.Confirm(order);
            _stock.Allocate(order, warehouse);
        }

        var error = Assert.Throws<DomainException>(() => _stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("SZ", 3, "test"))));

        Assert.Contains("Allocated in SZ to: o-2 (5), o-1 (2). Release or cancel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_CoveringCommitted_SetsOnHand()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("o-1", 6);

        _stock.Run(s => StockDecisions.Count(s, StockScenario.Sku, new StockCount("SZ", 7, "test")));

        Assert.Equal((7, 1), (_stock.View.OnHand, _stock.View.Sellable));
        Assert.Equal(10, _stock.Events.OfType<StockCounted>().Single().Previous);
    }
}
