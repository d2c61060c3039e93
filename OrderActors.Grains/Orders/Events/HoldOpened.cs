using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>An exception check opened a hold.</summary>
[JournalEvent("order.hold_opened")]
public sealed record HoldOpened(string Code, string Detail, DateTimeOffset At) : IOrderEvent;
