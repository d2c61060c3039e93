using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The warehouse packed the order.</summary>
[JournalEvent("order.packed")]
public sealed record OrderPacked(DateTimeOffset At) : IOrderEvent;
