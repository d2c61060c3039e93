using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>
/// An order's allocation went back to being a (confirmed) reservation: the order's allocation of another SKU was
/// refused in the same step, and an order is allocated in full or not at all.
/// </summary>
[JournalEvent("stock.unallocated")]
public sealed record StockUnallocated(string OrderId, string Warehouse, int Quantity);
