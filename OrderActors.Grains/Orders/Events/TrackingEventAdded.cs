using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>A carrier tracking event.</summary>
[JournalEvent("order.tracking")]
public sealed record TrackingEventAdded(string Status, string? Description, DateTimeOffset EventAt, DateTimeOffset At) : IOrderEvent;
