using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers.Events;

/// <summary>Money given back on one of the customer's orders.</summary>
[JournalEvent("customer.refund_recorded")]
public sealed record CustomerRefundRecorded(string OrderId, string RefundId, decimal Amount, string Reason);
