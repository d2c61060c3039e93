using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>Goods received into a warehouse.</summary>
[JournalEvent("stock.received")]
public sealed record StockReceived(string Warehouse, int Quantity, string? ReceiptId);
