using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The parcel left with a carrier.</summary>
[JournalEvent("order.shipped")]
public sealed record OrderShipped(string Carrier, string WaybillNo, DateTimeOffset At) : IOrderEvent;
