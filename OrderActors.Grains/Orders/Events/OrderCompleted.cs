using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The order was closed.</summary>
[JournalEvent("order.completed")]
public sealed record OrderCompleted(DateTimeOffset At) : IOrderEvent;
