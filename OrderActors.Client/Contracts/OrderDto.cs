namespace OrderActors.Client.Contracts;

/// <summary>An order as the API shows it to the caller (amounts and PII per role).</summary>
public sealed record OrderDto
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public required string ExternalOrderNo { get; init; }
    public required string Shop { get; init; }
    public required string Status { get; init; }
    public required CustomerDto Customer { get; init; }
    public required AddressDto Address { get; init; }

    /// <summary>Who receives the parcel when the buyer changed it on the channel (ship to this one); null: the customer.</summary>
    public CustomerDto? Receiver { get; init; }
    public required IReadOnlyList<OrderLineDto> Lines { get; init; }
    public decimal? TotalAmount { get; init; }
    public decimal? PaidAmount { get; init; }
    public decimal? RefundAmount { get; init; }

    /// <summary>What the received return put back on hand, per SKU (a partial return brings back less than shipped).</summary>
    public IReadOnlyList<ReturnedLineDto>? ReturnedLines { get; init; }
    public required string PaymentMethod { get; init; }

    /// <summary>Sold as a presale (said so by the storefront or channel, or its units were sold on a presale allowance).</summary>
    public bool Presale { get; init; }
    public string? BuyerNote { get; init; }

    /// <summary>Promotions applied on the channel or at checkout (checked against the known promotions).</summary>
    public IReadOnlyList<string> Promotions { get; init; } = [];

    /// <summary>The order's tags (allocation rules match on them).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required IReadOnlyList<HoldDto> Holds { get; init; }
    public required ApprovalDto Approval { get; init; }
    public bool Blocked { get; init; }
    public string? Warehouse { get; init; }
    public string? Carrier { get; init; }
    public string? WaybillNo { get; init; }
    public required IReadOnlyList<TrackingEventDto> Tracking { get; init; }
    public string? ParentOrderId { get; init; }
    public required IReadOnlyList<string> ChildOrderIds { get; init; }
    public required IReadOnlyList<string> MergedFrom { get; init; }
    public string? MergedInto { get; init; }

    /// <summary>Orders once merged into this one and taken out again because a buyer cancelled.</summary>
    public IReadOnlyList<string> UnmergedFrom { get; init; } = [];
    public required SlaDto Sla { get; init; }
    public string? ReturnReason { get; init; }
    public string? CancelReason { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? PaymentDueAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? ShippedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required long Version { get; init; }
}
