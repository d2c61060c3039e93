using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The order was cancelled and its stock released.</summary>
[JournalEvent("order.cancelled")]
public sealed record OrderCancelled(string Reason, DateTimeOffset At) : IOrderEvent;
