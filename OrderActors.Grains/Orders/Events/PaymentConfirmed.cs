using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>Payment arrived (or the order is cash on delivery).</summary>
[JournalEvent("order.paid")]
public sealed record PaymentConfirmed(string? PaymentId, decimal Amount, DateTimeOffset At) : IOrderEvent;
