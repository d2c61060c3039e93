using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>One approval tier was approved.</summary>
[JournalEvent("order.approved")]
public sealed record ApprovalGranted(string Role, string Actor, string? Comment, DateTimeOffset At) : IOrderEvent;
