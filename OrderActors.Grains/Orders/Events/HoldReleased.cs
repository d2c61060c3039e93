using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>A hold was released.</summary>
[JournalEvent("order.hold_released")]
public sealed record HoldReleased(string Code, string Reason, DateTimeOffset At) : IOrderEvent;
