using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>This order was merged into another.</summary>
[JournalEvent("order.merged_into")]
public sealed record OrderMergedInto(string TargetOrderId, DateTimeOffset At) : IOrderEvent;
