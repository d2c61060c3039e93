using System.Text.Json;
using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Domain.Stock;

public sealed class ClosedHoldingsTests
{
    [Fact]
    public void Add_BeyondCapacity_ForgetsExactlyTheOldest()
    {
        var closed = new ClosedHoldings(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            closed.Add($"o-{i}", HoldingStatus.Released, i, null);
        }

        Assert.Equal(3, closed.Count);
        Assert.False(closed.TryGet("o-2", out _));
        Assert.True(closed.TryGet("o-3", out var third));
        Assert.Equal(new ClosedHolding("o-3", HoldingStatus.Released, 3, null), third);
        Assert.Equal(["o-3", "o-4", "o-5"], closed.OldestFirst().Select(c => c.OrderId));
    }

    [Fact]
    public void Add_SameOrderClosedAgain_AnswersTheLatestUntilThatOneIsForgotten()
    {
        var closed = new ClosedHoldings(capacity: 3);
        closed.Add("o-1", HoldingStatus.Released, 2, null);
        closed.Add("o-2", HoldingStatus.Released, 1, null);
        closed.Add("o-1", HoldingStatus.Shipped, 2, "SZ");

        closed.Add("o-3", HoldingStatus.Expired, 1, null);
        var afterOlderForgotten = closed.TryGet("o-1", out var latest);
        closed.Add("o-4", HoldingStatus.Expired, 1, null);
        closed.Add("o-5", HoldingStatus.Expired, 1, null);

        Assert.True(afterOlderForgotten);
        Assert.Equal(new ClosedHolding("o-1", HoldingStatus.Shipped, 2, "SZ"), latest);
        Assert.False(closed.TryGet("o-1", out _));
        Assert.Equal(["o-3", "o-4", "o-5"], closed.OldestFirst().Select(c => c.OrderId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void Add_ManyClosingsOfRecurringOrders_AnswersLikeTheLastCapacityClosingsInOrder(int capacity)
    {
        var closed = new ClosedHoldings(capacity);
        var model = new List<ClosedHolding>();
        var random = new Random(capacity);
        var orders = Enumerable.Range(0, capacity * 3).Select(i => $"o-{i}").ToArray();

        for (var step = 0; step < capacity * 40; step++)
        {
            var holding = new ClosedHolding(orders[random.Next(orders.Length)], (HoldingStatus)random.Next(4, 7), step, step % 3 == 0 ? "SZ" : null);
            closed.Add(holding.OrderId, holding.Status, holding.Quantity, holding.Warehouse);
            model.Add(holding);
            if (model.Count > capacity)
            {
                model.RemoveAt(0);
            }

            // Every order answers with its latest closing among the last `capacity`, or not at all.
            foreach (var orderId in orders)
            {
                var expected = model.LastOrDefault(h => h.OrderId == orderId);
                Assert.Equal(expected is not null, closed.TryGet(orderId, out var actual));
                Assert.Equal(expected, expected is null ? null : actual);
            }
        }

        Assert.Equal(model, closed.OldestFirst());
    }

    [Fact]
    public void Deserialize_SnapshotWrittenAsAList_ReadsEveryHoldingAndWritesTheSameJson()
    {
        const string json = """{"closed":[{"orderId":"o-1","status":"Shipped","quantity":2,"warehouse":"SZ"},{"orderId":"o-2","status":"Expired","quantity":1,"warehouse":null}]}""";

        var state = JsonSerializer.Deserialize<SkuStockState>(json, JournalJson.Options)!;
        var written = JsonSerializer.Serialize(state.Closed, JournalJson.Options);

        Assert.True(state.TryGetClosed("o-1", out var shipped));
        Assert.Equal(new ClosedHolding("o-1", HoldingStatus.Shipped, 2, "SZ"), shipped);
        Assert.True(state.TryGetClosed("o-2", out var expired));
        Assert.Equal(HoldingStatus.Expired, expired.Status);
        Assert.Equal(json[10..^1], written);
    }

    [Fact]
    public void Deserialize_MoreHoldingsThanCapacity_KeepsTheNewest()
    {
        var old = Enumerable.Range(0, SkuStockState.RecentCapacity + 500)
            .Select(i => new ClosedHolding($"o-{i}", HoldingStatus.Released, 1, null))
            .ToList();
        var json = JsonSerializer.Serialize(new { closed = old }, JournalJson.Options);

        var state = JsonSerializer.Deserialize<SkuStockState>(json, JournalJson.Options)!;

        Assert.Equal(SkuStockState.RecentCapacity, state.Closed.Count);
        Assert.False(state.TryGetClosed("o-499", out _));
        Assert.True(state.TryGetClosed("o-500", out _));
        Assert.True(state.TryGetClosed($"o-{SkuStockState.RecentCapacity + 499}", out _));
    }

    [Fact]
    public void Ship_RepeatedAfterThousandsOfLaterClosings_AnswersShippedUntilCapacityClosingsLater()
    {
        var stock = new StockScenario();
        stock.Receive("SZ", 10_000);
        stock.Reserve("shipped", 2);
        stock.Allocate("shipped", "SZ");
        stock.Ship("shipped");
        for (var i = 0; i < SkuStockState.RecentCapacity - 1; i++)
        {
            stock.Reserve($"o-{i}", 1);
            stock.Release($"o-{i}");
        }

        var repeated = stock.Ship("shipped");
        var reserveAgain = stock.Reserve("shipped", 2);
        stock.Reserve("one-more", 1);
        stock.Release("one-more");
        var forgotten = Assert.Throws<DomainException>(() => stock.Ship("shipped"));

        Assert.Equal((HoldingStatus.Shipped, 2), (repeated.Status, repeated.Quantity));
        Assert.Equal((true, HoldingStatus.Shipped, 0), (reserveAgain.Accepted, reserveAgain.Status, stock.View.Reserved));
        Assert.Equal("stock.reservation_not_found", forgotten.Code);
    }
}
