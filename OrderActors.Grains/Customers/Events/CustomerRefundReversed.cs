using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers.Events;

/// <summary>A refund recorded earlier no longer holds: the order it was for was cancelled, then paid on its channel after all.</summary>
[JournalEvent("customer.refund_reversed")]
public sealed record CustomerRefundReversed(string OrderId, string RefundId, decimal Amount, string Reason);
