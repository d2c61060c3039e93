using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>Sellable rose back above the low-stock threshold.</summary>
[JournalEvent("stock.replenished")]
public sealed record StockReplenished(int Sellable, int Threshold);
