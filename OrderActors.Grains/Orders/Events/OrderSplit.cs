using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The order was split into child orders, one per warehouse.</summary>
[JournalEvent("order.split")]
public sealed record OrderSplit(IReadOnlyList<string> ChildOrderIds, string? Reason, DateTimeOffset At) : IOrderEvent;
