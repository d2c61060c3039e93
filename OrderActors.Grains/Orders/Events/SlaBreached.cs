using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>A stage overran its deadline (level 1, then 2), or the order sat untouched (stage <c>untouched</c>).</summary>
[JournalEvent("order.sla_breached")]
public sealed record SlaBreached(string Stage, int Level, DateTimeOffset DueAt, DateTimeOffset At) : IOrderEvent;
