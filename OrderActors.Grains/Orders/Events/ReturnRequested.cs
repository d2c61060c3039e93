using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The customer asked to return a shipped order.</summary>
[JournalEvent("order.return_requested")]
public sealed record ReturnRequested(string Reason, DateTimeOffset At) : IOrderEvent;
