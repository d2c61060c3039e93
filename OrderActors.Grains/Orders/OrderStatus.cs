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

/// <summary>What an order's status says about what is left to do.</summary>
public static class OrderStatuses
{
    /// <summary>Nothing more is expected to happen to the order: it needs nobody's attention.</summary>
    public static bool IsFinal(this OrderStatus status) =>
        status is OrderStatus.Cancelled or OrderStatus.Completed or OrderStatus.Refunded or OrderStatus.Split or OrderStatus.Merged;
}
