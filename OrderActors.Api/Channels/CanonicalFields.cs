namespace OrderActors.Api.Channels;

/// <summary>The canonical order fields a channel mapping can fill.</summary>
public static class CanonicalFields
{
    public const string ExternalOrderNo = "externalOrderNo";
    public const string CustomerName = "customerName";
    public const string Phone = "phone";
    public const string Province = "province";
    public const string City = "city";
    public const string District = "district";
    public const string AddressDetail = "addressDetail";
    public const string PaidAmount = "paidAmount";
    public const string Paid = "paid";
    public const string PaidAt = "paidAt";
    public const string BuyerNote = "buyerNote";
    public const string Cancelled = "cancelled";

    /// <summary>The channel refunded the buyer in full (Shopify's <c>financial_status: refunded</c>), cancelled or not.</summary>
    public const string Refunded = "refunded";

    /// <summary>
    /// When the channel last modified the order (Taobao and JD <c>modified</c>, Shopify and Pinduoduo <c>updated_at</c>,
    /// Douyin <c>update_time</c>): orders a known order's updates, so a stale one never undoes a newer one. Without it a
    /// known order's address is never changed by a webhook.
    /// </summary>
    public const string ModifiedAt = "modifiedAt";

    /// <summary>The channel refunded the buyer in part (Shopify's <c>financial_status: partially_refunded</c>).</summary>
    public const string PartiallyRefunded = "partiallyRefunded";

    /// <summary>
    /// The promotion codes or names applied on the channel (Taobao <c>promotion_details.promotion_detail[*].promotion_name</c>,
    /// Shopify <c>discount_codes[*].code</c>): checked against the known promotions and their allowed combinations.
    /// </summary>
    public const string Promotions = "promotions";

    /// <summary>Order tags the allocation rules match on (e.g. <c>vip</c>, <c>fragile</c>).</summary>
    public const string Tags = "tags";

    /// <summary>
    /// The channel sold the order as a presale (a flag: Taobao/Tmall's <c>step_trade_status</c> of a deposit presale, or a
    /// channel's own <c>is_presale</c>). An order is a presale order also when its units were sold on a presale allowance.
    /// </summary>
    public const string Presale = "presale";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ExternalOrderNo, CustomerName, Phone, Province, City, District, AddressDetail, PaidAmount, Paid, PaidAt, BuyerNote, Cancelled, Refunded,
        ModifiedAt, PartiallyRefunded, Promotions, Tags, Presale,
    };

    /// <summary>The fields that are lists: every value their paths name (a path may use <c>[*]</c> once), not the first.</summary>
    public static IReadOnlySet<string> Lists { get; } = new HashSet<string>(StringComparer.Ordinal) { Promotions, Tags };

    /// <summary>The fields that are times, the only ones a mapping's <c>format</c> applies to.</summary>
    public static IReadOnlySet<string> Times { get; } = new HashSet<string>(StringComparer.Ordinal) { PaidAt, ModifiedAt };

    /// <summary>Fields every mapping must say where to find.</summary>
    public static IReadOnlyList<string> Required { get; } = [ExternalOrderNo, Phone];
}
