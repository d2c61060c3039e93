using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>An order's holding released; <paramref name="Warehouse"/> is set when it was allocated there. <paramref name="Expired"/>: the unpaid hold ran out.</summary>
[JournalEvent("stock.released")]
public sealed record StockReleased(string OrderId, int Quantity, string? Warehouse, bool Expired, string Reason);
