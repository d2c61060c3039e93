using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>A warehouse was chosen and the stock allocated there.</summary>
[JournalEvent("order.allocated")]
public sealed record OrderAllocated(string Warehouse, DateTimeOffset At) : IOrderEvent;
