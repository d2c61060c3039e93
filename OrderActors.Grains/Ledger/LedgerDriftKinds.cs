namespace OrderActors.Grains.Ledger;

/// <summary>The kinds of drift the ledger check reports.</summary>
public static class LedgerDriftKinds
{
    /// <summary>The SKU's reported reserved total differs from the sum of its open, unallocated reservations.</summary>
    public const string ReservedTotal = "reserved_total";

    /// <summary>The SKU's reported allocated total (or one warehouse's) differs from the sum of its allocations.</summary>
    public const string AllocatedTotal = "allocated_total";

    /// <summary>Reserved + allocated exceeds on-hand + presale allowance: oversold.</summary>
    public const string Oversold = "oversold";

    /// <summary>An order holds stock of a SKU although its status should hold none (cancelled, shipped, unknown…).</summary>
    public const string OrderShouldNotHold = "order_should_not_hold";

    /// <summary>An open order that should hold a SKU holds nothing of it.</summary>
    public const string OrderMissingHolding = "order_missing_holding";

    /// <summary>An order holds a different quantity of a SKU than its lines need.</summary>
    public const string OrderQuantity = "order_quantity";

    /// <summary>An order's holding is in the wrong stage for its status (e.g. a paid order's reservation can still expire).</summary>
    public const string OrderHoldingStatus = "order_holding_status";
}
