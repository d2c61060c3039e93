namespace OrderActors.Grains.Orders;

/// <summary>What an order looks like to callers.</summary>
public sealed record OrderView
{
    public required string Id { get; init; }
    public required string Channel { get; init; }
    public required string ExternalOrderNo { get; init; }
    public required string Shop { get; init; }
    public required OrderStatus Status { get; init; }
    public required CustomerContact Customer { get; init; }
    public required ShippingAddress Address { get; init; }

    /// <summary>Who receives the parcel when the buyer changed it on the channel; null: the <see cref="Customer"/>.</summary>
    public CustomerContact? Receiver { get; init; }

    /// <summary>The channel's modification time of the newest update whose address the order took (or of the placing payload).</summary>
    public DateTimeOffset? ChannelModifiedAt { get; init; }

    /// <summary>The channel said the buyer was refunded in part.</summary>
    public bool PartiallyRefundedOnChannel { get; init; }
    public required IReadOnlyList<OrderLineView> Lines { get; init; }
    public required decimal TotalAmount { get; init; }
    public decimal PaidAmount { get; init; }
    public string? PaymentId { get; init; }
    public required string PaymentMethod { get; init; }
    public bool Presale { get; init; }
    public string? BuyerNote { get; init; }
    public IReadOnlyList<string> Promotions { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<HoldView> Holds { get; init; } = [];
    public required ApprovalView Approval { get; init; }
    public string? Warehouse { get; init; }
    public string? Carrier { get; init; }
    public string? WaybillNo { get; init; }
    public IReadOnlyList<TrackingEventView> Tracking { get; init; } = [];
    public string? ParentOrderId { get; init; }
    public IReadOnlyList<string> ChildOrderIds { get; init; } = [];
    public IReadOnlyList<string> MergedFrom { get; init; } = [];
    public string? MergedInto { get; init; }

    /// <summary>Orders once merged into this one and taken out again because a buyer cancelled.</summary>
    public IReadOnlyList<string> UnmergedFrom { get; init; } = [];
    public required SlaView Sla { get; init; }
    public string? ReturnReason { get; init; }
    public CreditNoteView? CreditNote { get; init; }

    /// <summary>What the received return put back on hand, per SKU; null until a return is received.</summary>
    public IReadOnlyList<ReturnedLine>? ReturnedLines { get; init; }
    public string? CancelReason { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? PaymentDueAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? AllocatedAt { get; init; }
    public DateTimeOffset? PackedAt { get; init; }
    public DateTimeOffset? ShippedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The rule-book version the order was checked against when placed.</summary>
    public long RulesVersion { get; init; }

    /// <summary>The journal version: the number of events so far.</summary>
    public required long Version { get; init; }

    /// <summary>True while holds or missing approvals stop the order from advancing.</summary>
    public bool Blocked => Holds.Count > 0 || !Approval.Complete;
}
