using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>Returned goods back on hand.</summary>
[JournalEvent("stock.restocked")]
public sealed record StockRestocked(string ReturnId, string Warehouse, int Quantity);
