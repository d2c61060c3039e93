using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>Every line is now fully reserved (after a shortage was made good).</summary>
[JournalEvent("order.stock_reserved")]
public sealed record StockReserved(DateTimeOffset At) : IOrderEvent;
