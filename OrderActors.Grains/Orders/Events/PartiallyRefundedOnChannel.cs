using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The channel refunded the buyer in part (as of the channel's <see cref="ModifiedAt"/>, when the mapping reads it).</summary>
[JournalEvent("order.partially_refunded_on_channel")]
public sealed record PartiallyRefundedOnChannel(DateTimeOffset? ModifiedAt, DateTimeOffset At) : IOrderEvent;
