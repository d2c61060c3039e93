using OrderActors.Grains.Stock;
using OrderActors.Grains.Stock.Events;

namespace OrderActors.Tests.Domain.Stock;

/// <summary>A reservation for an order that arrives paid: reserved and confirmed in one decision (one SKU write).</summary>
public sealed class PaidReservationTests
{
    private readonly StockScenario _stock = new();

    [Fact]
    public void Reserve_Confirmed_ReservesAndConfirmsInOneDecision()
    {
        _stock.Receive("SZ", 10);
        var before = _stock.Events.Count;

        var result = _stock.Reserve("tb-1", 3, confirm: true);

        Assert.Equal(HoldingStatus.Confirmed, result.Status);
        Assert.Equal((3, 7), (_stock.View.Reserved, _stock.View.Sellable));
        Assert.Equal([typeof(StockReserved), typeof(StockConfirmed), typeof(SellableChanged)], _stock.Events.Skip(before).Select(e => e.GetType()));
        Assert.Null(_stock.Events.OfType<StockReserved>().Single().ExpiresAt);
    }

    [Fact]
    public void Reserve_ConfirmedAgainOrAfterAnUnpaidReservation_ConfirmsOnce()
    {
        _stock.Receive("SZ", 10);
        _stock.Reserve("tb-1", 3, TimeSpan.FromMinutes(30));

        var paid = _stock.Reserve("tb-1", 3, confirm: true);
        var again = StockDecisions.Reserve(_stock.State, new ReserveStock("tb-1", 3, null, false, "test", Confirm: true), _stock.Now);

        Assert.Equal(HoldingStatus.Confirmed, paid.Status);
        Assert.Single(_stock.Events.OfType<StockConfirmed>());
        Assert.Empty(again.Events);
        Assert.Equal(3, _stock.View.Reserved);
    }
}
