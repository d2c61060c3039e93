namespace OrderActors.Grains.Orders;

/// <summary>Places an order on the grain keyed <see cref="OrderKeys.For"/>(Channel, ExternalOrderNo).</summary>
public sealed record PlaceOrder
{
    /// <summary><c>own</c>, <c>taobao</c>, <c>jd</c>, <c>pdd</c>, <c>douyin</c>, <c>shopify</c>…</summary>
    public required string Channel { get; init; }

    public required string ExternalOrderNo { get; init; }

    public required CustomerContact Customer { get; init; }

    public required ShippingAddress Address { get; init; }

    public required IReadOnlyList<OrderLineRequest> Lines { get; init; }

    public string? BuyerNote { get; init; }

    /// <summary>The store on the channel; orders of different shops are never merged.</summary>
    public string Shop { get; init; } = "default";

    /// <summary>Marketplace orders arrive already paid: then the order starts Paid with <see cref="PaidAmount"/>.</summary>
    public bool Paid { get; init; }

    public decimal? PaidAmount { get; init; }

    /// <summary>
    /// When the channel says the buyer paid (a marketplace order arrives paid); recorded as the order's paid time,
    /// while the receive time stays the placed time. Empty, or later than the receive time, means paid on receipt.
    /// </summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>The channel's payment reference, when paid.</summary>
    public string? PaymentId { get; init; }

    /// <summary>e.g. <c>online</c> (default) or <c>cash-on-delivery</c>.</summary>
    public string PaymentMethod { get; init; } = PaymentMethods.Online;

    /// <summary>
    /// The storefront or marketplace sold the order as a presale (goods to come). The order is a presale order also when
    /// its reservation had to draw on a SKU's presale allowance, whatever this says.
    /// </summary>
    public bool Presale { get; init; }

    /// <summary>Promotion codes applied on the channel, checked against the known combinations.</summary>
    public IReadOnlyList<string> Promotions { get; init; } = [];

    /// <summary>Order tags (used by allocation rules), e.g. <c>vip</c>, <c>fragile</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The channel's modification time of the payload (webhooks whose mapping reads it): later updates must be newer.</summary>
    public DateTimeOffset? ChannelModifiedAt { get; init; }

    /// <summary>Who placed it: user, API key or channel.</summary>
    public required string Actor { get; init; }
}
