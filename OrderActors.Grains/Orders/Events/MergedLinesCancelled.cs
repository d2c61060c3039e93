using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The buyer of <see cref="OrderId"/> (merged into this order, or this order itself) cancelled once the merged shipment
/// was allocated or packed: <see cref="Lines"/> must come out of it, which needs a person (a hold goes with this event).
/// </summary>
[JournalEvent("order.merged_lines_cancelled")]
public sealed record MergedLinesCancelled(string OrderId, IReadOnlyList<OrderLineView> Lines, string Reason, DateTimeOffset At) : IOrderEvent;
