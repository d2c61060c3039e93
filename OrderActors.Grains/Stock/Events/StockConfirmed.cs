using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>The order paid: its reservation no longer expires.</summary>
[JournalEvent("stock.confirmed")]
public sealed record StockConfirmed(string OrderId);
