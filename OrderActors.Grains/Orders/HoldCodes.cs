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

    /// <summary>All codes, for validation of release requests and queue filters.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AddressIncomplete, PhoneInvalid, PaymentNotReceived, InsufficientStock, SuspectedDuplicate, ApprovalThreshold,
        HighFrequencyBuyer, BuyerRemark, PromotionUnrecognised, PriceAnomaly, Blacklisted, UnserviceableRegion,
    ];
}
