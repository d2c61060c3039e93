using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>Other orders were merged into this one.</summary>
[JournalEvent("order.merged")]
public sealed record OrdersMerged(IReadOnlyList<string> MergedOrderIds, IReadOnlyList<OrderLineView> Lines, decimal PaidAmount, string? Reason, DateTimeOffset At) : IOrderEvent;
