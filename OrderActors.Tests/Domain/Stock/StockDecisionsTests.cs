using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

public sealed class StockDecisionsTests
{
    private readonly StockScenario _stock = new();

    [Fact]
    public void Reserve_WithinSellable_HoldsUnitsAndLowersSellable()
    {
        _stock.Receive("SZ", 10);

        var result = _stock.Reserve("o-1", 3, TimeSpan.FromMinutes(30));

        Assert.True(result.IsComplete);
        Assert.Equal(3, result.Reserved);
        Assert.Equal(HoldingStatus.Reserved, result.Status);
        Assert.Equal((10, 3, 0, 7), (_stock.View.OnHand, _stock.View.Reserved, _stock.View.Allocated, _stock.View.Sellable));
        Assert.Equal(7, _stock.Events.OfType<SellableChanged>().Last().Sellable);
    }

    [Fact]
    public void Reserve_MoreThanSellable_IsRefusedAndChangesNothing()
    {
        _stock.Receive("SZ", 2);
        var before = _stock.Events.Count;

        var result = _stock.Reserve("o-1", 3);

        Assert.False(result.Accepted);
        Assert.Equal(0, result.Reserved);
        Assert.Equal(3, result.Shortage);
        Assert.Equal(before, _stock.Events.Count);
        Assert.Equal(2, _stock.View.Sellable);
    }

    [Fact]
    public void Reserve_SameOrderTwice_ReturnsSameReservationWithoutNewEvents()
    {
        _stock.Receive("SZ", 10);
        var first = _stock.Reserve("o-1", 4, TimeSpan.FromMinutes(30));
        var eventsAfterFirst = _stock.Events.Count;

        var second = _stock.Reserve("o-1", 4, TimeSpan.FromMinutes(30));

        Assert.Equal(first, second);
        Assert.Equal(eventsAfterFirst, _stock.Events.Count);
        Assert.Equal(4, _stock.View.Reserved);
    }

    [Fact]
    public void Reserve_WithShortageAllowed_ReservesWhatThereIsAndReportsTheRest()
    {
        _stock.Receive("SZ", 2);

        var result = _stock.Reserve("tb-1", 5, allowShortage: true);

        Assert.True(result.Accepted);
        Assert.False(result.IsComplete);
        Assert.Equal((2, 3), (result.Reserved, result.Shortage));
        Assert.Equal(0, _stock.View.Sellable);
    }

    [Fact]
    public void Reserve_ShortReservationAfterReceipt_TopsUpToRequested()
    {
        _stock.Receive("SZ", 2);
        _stock.Reserve("tb-1", 5, allowShortage: true);
        _stock.Receive("SZ", 10);

        var result = _stock.Reserve("tb-1", 5, allowShortage: true);

        Assert.True(result.IsComplete);
        Assert.Equal(5, result.Reserved);
        Assert.Equal((12, 5, 7), (_stock.View.OnHand, _stock.View.Reserved, _stock.View.Sellable));
    }

    [Fact]
    public void Reserve_SafetyStock_IsNeverSold()
    {
        _stock.Receive("SZ", 10);
        _stock.Configure(safety: 3);

        var tooMuch = _stock.Reserve("o-1", 8);
        var fits = _stock.Reserve("o-2", 7);

        Assert.False(tooMuch.Accepted);
        Assert.True(fits.IsComplete);
        Assert.Equal(0, _stock.View.Sellable);
        Assert.False(_stock.Reserve("o-3", 1).Accepted);
    }

    [Fact]
    public void Reserve_PresaleAllowance_SellsBeyondOnHandUpToTheAllowance()
    {
        _stock.Receive("SZ", 5);
        _stock.Configure(presale: 10);

        var presale = _stock.Reserve("o-1", 15);
        var beyond = _stock.Reserve("o-2", 1);

        Assert.True(presale.IsComplete);
        Assert.False(beyond.Accepted);
        Assert.Equal((5, 15, 0), (_stock.View.OnHand, _stock.View.Reserved, _stock.View.Sellable));
    }

    [Fact]
    public void Reserve_CrossingLowStockThreshold_RaisesLowThenReplenishedEvents()
    {
        _stock.Receive("SZ", 10);
        _stock.Configure(threshold: 3);

        _stock.Reserve("o-1", 6);
        var afterFirst = _stock.Events.OfType<StockLow>().Count();
        _stock.Reserve("o-2", 1);
        var lowEvents = _stock.Events.OfType<StockLow>().ToList();
        _stock.Release("o-2");
        _stock.Release("o-1");

        Assert.Equal(0, afterFirst);
        var low = Assert.Single(lowEvents);
        Assert.Equal((3, 3), (low.Sellable, low.Threshold));
        var back = Assert.Single(_stock.Events.OfType<StockReplenished>());
        Assert.Equal(4, back.Sellable);
        Assert.False(_stock.View.IsLow);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_000_001)]
    public void Reserve_InvalidQuantity_ThrowsValidationAndChangesNothing(int quantity)
    {
        _stock.Receive("SZ", 10);
        var before = _stock.Events.Count;

        var error = Assert.Throws<DomainException>(() => _stock.Reserve("o-1", quantity));

        Assert.Equal(("stock.invalid_quantity", "quantity", DomainErrorKind.Validation), (error.Code, error.Field, error.Kind));
        Assert.Equal(before, _stock.Events.Count);
    }

    [Fact]
    public void Reserve_ExpiryInThePast_ThrowsValidation()
    {
        _stock.Receive("SZ", 10);

        var error = Assert.Throws<DomainException>(() => _stock.Reserve("o-1", 1, TimeSpan.FromMinutes(-1)));

        Assert.Equal("stock.invalid_expiry", error.Code);
        Assert.Equal(0, _stock.View.Reserved);
    }

    [Fact]
    public void Release_Twice_ReleasesOnceAndAnswersTheSame()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("o-1", 4);

        var first = _stock.Release("o-1");
        var events = _stock.Events.Count;
        var second = _stock.Release("o-1");

        Assert.Equal(first, second);
        Assert.Equal(HoldingStatus.Released, second.Status);
        Assert.Equal(events, _stock.Events.Count);
        Assert.Equal((0, 10), (_stock.View.Reserved, _stock.View.Sellable));
    }

    [Fact]
    public void Release_OrderThatHoldsNothing_ChangesNothing()
    {
        _stock.Receive("SZ", 10);
        var events = _stock.Events.Count;

        var holding = _stock.Release("never-reserved");

        Assert.Equal(HoldingStatus.None, holding.Status);
        Assert.Equal(events, _stock.Events.Count);
    }

    [Fact]
    public void Confirm_Twice_ConfirmsOnceAndStopsExpiry()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("o-1", 2, TimeSpan.FromMinutes(30));

        var first = _stock.Confirm("o-1");
        var events = _stock.Events.Count;
        var second = _stock.Confirm("o-1");
        _stock.Now += TimeSpan.FromHours(2);
        _stock.Expire();

        Assert.Equal(first, second);
        Assert.Equal(HoldingStatus.Confirmed, second.Status);
        Assert.Null(second.ExpiresAt);
        Assert.Equal(events, _stock.Events.Count);
        Assert.Equal(2, _stock.View.Reserved);
    }

    [Fact]
    public void Confirm_UnknownOrder_ThrowsNotFound()
    {
        var error = Assert.Throws<DomainException>(() => _stock.Confirm("nobody"));

        Assert.Equal(("stock.reservation_not_found", DomainErrorKind.NotFound), (error.Code, error.Kind));
    }

    [Fact]
    public void Expire_ReleasesOnlyReservationsPastTheirHold()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("short", 2, TimeSpan.FromMinutes(10));
        _stock.Reserve("long", 3, TimeSpan.FromMinutes(60));
        _stock.Reserve("paid", 1, TimeSpan.FromMinutes(10));
        _stock.Confirm("paid");
        _stock.Now += TimeSpan.FromMinutes(30);

        _stock.Expire();

        Assert.Equal(HoldingStatus.Expired, StockViews.ToHolding(StockScenario.Sku, _stock.State, "short").Status);
        Assert.Equal(HoldingStatus.Reserved, StockViews.ToHolding(StockScenario.Sku, _stock.State, "long").Status);
        Assert.Equal(HoldingStatus.Confirmed, StockViews.ToHolding(StockScenario.Sku, _stock.State, "paid").Status);
        Assert.Equal(4, _stock.View.Reserved);
        Assert.Equal(_stock.Now.AddMinutes(30), _stock.State.EarliestExpiry);
        var error = Assert.Throws<DomainException>(() => _stock.Confirm("short"));
        Assert.Equal("stock.reservation_expired", error.Code);
    }

    [Fact]
    public void Reserve_WhenEarlierHoldsHaveExpired_ReleasesThemFirst()
    {
        _stock.Receive("SZ", 3);
        _stock.Reserve("stale", 3, TimeSpan.FromMinutes(10));
        _stock.Now += TimeSpan.FromMinutes(11);

        var result = _stock.Reserve("fresh", 3, TimeSpan.FromMinutes(10));

        Assert.True(result.IsComplete);
        Assert.Equal(HoldingStatus.Expired, StockViews.ToHolding(StockScenario.Sku, _stock.State, "stale").Status);
        Assert.Equal(3, _stock.View.Reserved);
    }

    [Fact]
    public void Allocate_ThenShip_MovesUnitsOutOfTheWarehouse()
    {
        _stock.Receive("SZ", 5);
        _stock.Receive("BJ", 5);
        _stock.Reserve("o-1", 4);
        _stock.Confirm("o-1");

        var allocated = _stock.Allocate("o-1", "BJ");
        var afterAllocate = _stock.View;
        var shipped = _stock.Ship("o-1");

        Assert.Equal((HoldingStatus.Allocated, "BJ", 4), (allocated.Status, allocated.Warehouse, allocated.Quantity));
        Assert.Equal((10, 0, 4, 6), (afterAllocate.OnHand, afterAllocate.Reserved, afterAllocate.Allocated, afterAllocate.Sellable));
        Assert.Equal(1, afterAllocate.Warehouses.Single(w => w.Warehouse == "BJ").Available);
        Assert.Equal(HoldingStatus.Shipped, shipped.Status);
        Assert.Equal((6, 0, 0, 6), (_stock.View.OnHand, _stock.View.Reserved, _stock.View.Allocated, _stock.View.Sellable));
        Assert.Equal(1, _stock.View.Warehouses.Single(w => w.Warehouse == "BJ").OnHand);
    }

    [Fact]
    public void Allocate_WarehouseWithoutEnough_ThrowsAndChangesNothing()
    {
        _stock.Receive("SZ", 2);
        _stock.Receive("BJ", 5);
        _stock.Reserve("o-1", 4);
        var events = _stock.Events.Count;

        var error = Assert.Throws<DomainException>(() => _stock.Allocate("o-1", "SZ"));

        Assert.Equal(("stock.warehouse_insufficient", DomainErrorKind.Conflict), (error.Code, error.Kind));
        Assert.Equal(events, _stock.Events.Count);
        Assert.Equal(HoldingStatus.Reserved, StockViews.ToHolding(StockScenario.Sku, _stock.State, "o-1").Status);
    }

    [Fact]
    public void AllocateAndShip_Repeated_AreIdempotent()
    {
        _stock.Receive("SZ", 5);
        _stock.Reserve("o-1", 2);
        _stock.Allocate("o-1", "SZ");
        var allocateAgain = _stock.Allocate("o-1", "SZ");
        _stock.Ship("o-1");
        var events = _stock.Events.Count;

        var shipAgain = _stock.Ship("o-1");
        var reserveAgain = _stock.Reserve("o-1", 2);

        Assert.Equal(HoldingStatus.Allocated, allocateAgain.Status);
        Assert.Equal(HoldingStatus.Shipped, shipAgain.Status);
        Assert.Equal(HoldingStatus.Shipped, reserveAgain.Status);
        Assert.Equal(events, _stock.Events.Count);
        Assert.Equal(3, _stock.View.OnHand);
    }

    [Fact]
    public void Ship_NotAllocated_ThrowsConflict()
    {
        _stock.Receive("SZ", 5);
        _stock.Reserve("o-1", 2);

        var error = Assert.Throws<DomainException>(() => _stock.Ship("o-1"));

        Assert.Equal("stock.not_allocated", error.Code);
    }

    [Fact]
    public void Release_AllocatedOrder_FreesTheWarehouseAllocation()
    {
        _stock.Receive("SZ", 5);
        _stock.Reserve("o-1", 2);
        _stock.Allocate("o-1", "SZ");

        _stock.Release("o-1");

        Assert.Equal((5, 0, 0, 5), (_stock.View.OnHand, _stock.View.Reserved, _stock.View.Allocated, _stock.View.Sellable));
    }

    [Fact]
    public void Restock_SameReturnTwice_AddsOnce()
    {
        _stock.Receive("SZ", 1);

        _stock.Restock("r-1", "SZ", 2);
        _stock.Restock("r-1", "SZ", 2);

        Assert.Equal(3, _stock.View.OnHand);
    }

    [Fact]
    public void Transfer_PartOfAReservation_MovesUnitsWithoutChangingTotals()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("o-1", 5, TimeSpan.FromMinutes(30));
        _stock.Confirm("o-1");

        var part = _stock.Transfer("o-1", "o-1-b", 2);
        var again = _stock.Transfer("o-1", "o-1-b", 2);

        Assert.Equal((HoldingStatus.Confirmed, 2), (part.Status, part.Quantity));
        Assert.Equal(part, again);
        Assert.Equal(3, StockViews.ToHolding(StockScenario.Sku, _stock.State, "o-1").Quantity);
        Assert.Equal((5, 5), (_stock.View.Reserved, _stock.View.Sellable));
    }

    [Fact]
    public void Configure_PresaleBelowCommitted_IsRefused()
    {
        _stock.Receive("SZ", 2);
        _stock.Configure(presale: 5);
        _stock.Reserve("o-1", 6);

        var error = Assert.Throws<DomainException>(() => _stock.Configure(presale: 1));

        Assert.Equal("stock.settings_below_committed", error.Code);
        Assert.Equal(5, _stock.View.PresaleAllowance);
    }

    [Fact]
    public void StockChangeSet_EventsBreakingTheInvariant_ThrowBeforeAnythingIsReturned()
    {
        _stock.Receive("SZ", 1);
        var changes = new StockChangeSet(_stock.State);
        changes.Add(new StockReserved("bogus", 2, 2, null));

        Assert.Throws<InvalidOperationException>(() => changes.Complete());

        Assert.Equal(0, _stock.View.Reserved);
    }
}
