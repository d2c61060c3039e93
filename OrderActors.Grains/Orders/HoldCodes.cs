namespace OrderActors.Grains.Orders;

/// <summary>The stable codes of holds (open exceptions) an order can carry.</summary>
public static class HoldCodes
{
    public const string AddressIncomplete = "address_incomplete";
    public const string PhoneInvalid = "phone_invalid";
    public const string PaymentNotReceived = "payment_not_received";
    public const string InsufficientStock = "insufficient_stock";
    public const string SuspectedDuplicate = "suspected_duplicate";
    public const string ApprovalThreshold = "approval_threshold";
    public const string HighFrequencyBuyer = "high_frequency_buyer";
    public const string BuyerRemark = "buyer_remark";
    public const string PromotionUnrecognised = "promotion_unrecognised";
    public const string PriceAnomaly = "price_anomaly";
    public const string Blacklisted = "blacklisted";
    public const string UnserviceableRegion = "unserviceable_region";

    /// <summary>The buyer changed the address on the channel after allocation: the parcel may carry the old label.</summary>
    public const string AddressChangedOnChannel = "address_changed_on_channel";

    /// <summary>The channel refunded the buyer in part before shipping: not every line may still be wanted.</summary>
    public const string PartiallyRefundedOnChannel = "partially_refunded_on_channel";

    /// <summary>
    /// A buyer cancelled on the channel an order of a merged shipment after it was packed: a person must take that
    /// order's lines out before it ships (the detail names the order and its lines).
    /// </summary>
    public const string MergedOrderCancelled = "merged_order_cancelled";

    /// <summary>
    /// A paid presale order waits for goods: units it bought were sold on a presale allowance and are not on hand yet. Quiet
    /// (no SLA runs while it is the only hold); released by itself when received goods cover the order, oldest first.
    /// </summary>
    public const string AwaitingPresaleStock = "awaiting_presale_stock";

    /// <summary>The codes of the exception checks (each one configurable, run at placement).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AddressIncomplete, PhoneInvalid, PaymentNotReceived, InsufficientStock, SuspectedDuplicate, ApprovalThreshold,
        HighFrequencyBuyer, BuyerRemark, PromotionUnrecognised, PriceAnomaly, Blacklisted, UnserviceableRegion,
    ];

    /// <summary>Holds opened by news from the channel, not by a check: a person releases them once the warehouse has acted.</summary>
    public static IReadOnlyList<string> FromChannel { get; } = [AddressChangedOnChannel, PartiallyRefundedOnChannel, MergedOrderCancelled];

    /// <summary>Every code an order can carry, for validation of release requests.</summary>
    public static bool IsKnown(string code) => All.Contains(code) || FromChannel.Contains(code) || code == AwaitingPresaleStock;
}
