using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The warehouse received the returned goods and restocked them.</summary>
[JournalEvent("order.returned")]
public sealed record ReturnReceived(string Warehouse, DateTimeOffset At) : IOrderEvent;
