using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>Sellable fell to or below the low-stock threshold.</summary>
[JournalEvent("stock.low")]
public sealed record StockLow(int Sellable, int Threshold);
