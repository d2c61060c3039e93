using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The customer received the parcel.</summary>
[JournalEvent("order.delivered")]
public sealed record OrderDelivered(DateTimeOffset At) : IOrderEvent;
