using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Customers.Events;

/// <summary>
/// An order recorded with the customer was never stored (its placement failed, or the silo stopped between the
/// recording and the order's own append): it leaves the customer's orders and spend, and no other order stays a
/// suspected duplicate of it. <paramref name="Relinked"/>: those that were, and are duplicates of another order
/// recorded before them (null in events written before it existed: none).
/// </summary>
[JournalEvent("customer.order_forgotten")]
public sealed record CustomerOrderForgotten(string OrderId, string Reason, IReadOnlyList<CustomerDuplicateLink>? Relinked = null);
