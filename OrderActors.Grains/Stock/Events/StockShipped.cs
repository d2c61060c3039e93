using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>An allocation left its warehouse.</summary>
[JournalEvent("stock.shipped")]
public sealed record StockShipped(string OrderId, string Warehouse, int Quantity);
