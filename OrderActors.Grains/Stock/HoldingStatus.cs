namespace OrderActors.Grains.Stock;

/// <summary>Where an order's units of one SKU are.</summary>
public enum HoldingStatus
{
    /// <summary>The order holds nothing of this SKU (never reserved, or forgotten long after closing).</summary>
    None,

    /// <summary>Reserved, not yet paid: expires unless confirmed.</summary>
    Reserved,

    /// <summary>Reserved and paid: does not expire.</summary>
    Confirmed,

    /// <summary>Allocated to a warehouse.</summary>
    Allocated,

    /// <summary>Shipped: the units left the warehouse.</summary>
    Shipped,

    /// <summary>Released by the order (cancelled, failed placement…).</summary>
    Released,

    /// <summary>Released because the unpaid hold expired.</summary>
    Expired,
}
