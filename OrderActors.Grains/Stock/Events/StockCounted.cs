using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>A stock count set a warehouse's on-hand (<paramref name="Previous"/> before).</summary>
[JournalEvent("stock.counted")]
public sealed record StockCounted(string Warehouse, int OnHand, int Previous);
