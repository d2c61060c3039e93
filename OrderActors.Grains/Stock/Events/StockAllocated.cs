using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>An order's reservation became an allocation in a warehouse.</summary>
[JournalEvent("stock.allocated")]
public sealed record StockAllocated(string OrderId, string Warehouse, int Quantity);
