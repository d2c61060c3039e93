using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>A cancelled order is open again (a marketplace order paid on its channel after its payment hold ran out here).</summary>
[JournalEvent("order.reopened")]
public sealed record OrderReopened(string Reason, DateTimeOffset At) : IOrderEvent;
