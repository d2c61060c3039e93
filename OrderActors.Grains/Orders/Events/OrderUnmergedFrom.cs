using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>This order, merged into <see cref="TargetOrderId"/>, holds its own lines and stock again: paid and unallocated, as it was merged.</summary>
[JournalEvent("order.unmerged_from")]
public sealed record OrderUnmergedFrom(string TargetOrderId, string Reason, DateTimeOffset At) : IOrderEvent;
