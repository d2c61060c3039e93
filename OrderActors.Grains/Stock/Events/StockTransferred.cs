using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Stock.Events;

/// <summary>Reserved units moved from one order to another (split, merge); the new holding takes the source's expiry and confirmation.</summary>
[JournalEvent("stock.transferred")]
public sealed record StockTransferred(string FromOrderId, string ToOrderId, int Quantity, DateTimeOffset? ExpiresAt, bool Confirmed);
