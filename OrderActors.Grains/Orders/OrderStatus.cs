namespace OrderActors.Grains.Orders;

/// <summary>Where an order is in its lifecycle. Serialized as its name.</summary>
public enum OrderStatus
{
    /// <summary>Never placed (no events).</summary>
    None,
    PendingPayment,
    Paid,
    Allocated,
    Packed,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    ReturnRequested,
    Returned,
    Refunded,

    /// <summary>Replaced by its child orders after a split; the children carry on.</summary>
    Split,

    /// <summary>Merged into another order, which carries on with its lines.</summary>
    Merged,
}
