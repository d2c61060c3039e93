using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>A decision's scratch copy of the levels never changes the state it was taken from.</summary>
public sealed class StockLevelsTests
{
    [Fact]
    public void Clone_EventsOnTheCopy_LeaveTheOriginalAsItWas()
    {
        var original = new StockLevels();
        original.Apply(new StockReceived("SZ", 10, null));
        original.Apply(new StockReserved("o-1", 2, 2, null));

        var copy = original.Clone();
        copy.Apply(new StockReserved("o-2", 3, 3, null));
        copy.Apply(new StockAllocated("o-1", "SZ", 2));
        copy.Apply(new StockReceived("BJ", 4, null));
        copy.Apply(new StockShipped("o-1", "SZ", 2));

        Assert.Equal((10, 2, 0, 8), (original.OnHand, original.Reserved, original.Allocated, original.Sellable));
        Assert.Equal(["SZ"], original.Warehouses.Keys);
        Assert.Equal((10, 0), (original.Warehouses["SZ"].OnHand, original.Warehouses["SZ"].Allocated));
        Assert.Equal((12, 3, 0, 9), (copy.OnHand, copy.Reserved, copy.Allocated, copy.Sellable));
        Assert.Equal((8, 0, 4), (copy.Warehouses["SZ"].OnHand, copy.Warehouses["SZ"].Allocated, copy.Warehouses["BJ"].OnHand));
    }

    [Fact]
    public void Clone_OfACopyThatChangedAWarehouse_IsIndependentOfBoth()
    {
        var original = new StockLevels();
        original.Apply(new StockReceived("SZ", 10, null));
        var first = original.Clone();
        first.Apply(new StockReceived("SZ", 5, null));

        var second = first.Clone();
        second.Apply(new StockCounted("SZ", 1, 15));

        Assert.Equal(10, original.OnHand);
        Assert.Equal(15, first.OnHand);
        Assert.Equal(1, second.OnHand);
    }
}
