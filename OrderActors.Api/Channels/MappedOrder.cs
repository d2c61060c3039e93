using OrderActors.Grains.Orders;

namespace OrderActors.Api.Channels;

/// <summary>A channel's order payload in canonical form, validated, ready for the order grain.</summary>
public sealed record MappedOrder
{
    public required string Channel { get; init; }

    public required string ExternalOrderNo { get; init; }

    public string? CustomerName { get; init; }

    public required string Phone { get; init; }

    public string? Province { get; init; }

    public string? City { get; init; }

    public string? District { get; init; }

    public string? AddressDetail { get; init; }

    public decimal? PaidAmount { get; init; }

    public bool Paid { get; init; }

    public DateTimeOffset? PaidAt { get; init; }

    public string? BuyerNote { get; init; }

    /// <summary>The channel says the order was cancelled (closed before shipping).</summary>
    public bool Cancelled { get; init; }

    /// <summary>The channel says the buyer was refunded in full.</summary>
    public bool Refunded { get; init; }

    /// <summary>When the channel last modified the order, if the mapping reads it; orders the updates of a known order.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>The channel says the buyer was refunded in part.</summary>
    public bool PartiallyRefunded { get; init; }

    /// <summary>The channel says the order was sold as a presale (see <see cref="CanonicalFields.Presale"/>).</summary>
    public bool Presale { get; init; }

    public required IReadOnlyList<MappedLine> Lines { get; init; }

    /// <summary>The promotions applied on the channel (distinct, at most <see cref="OrderValidation.MaxListEntries"/>).</summary>
    public IReadOnlyList<string> Promotions { get; init; } = [];

    /// <summary>The order's tags from the channel (distinct, at most <see cref="OrderValidation.MaxListEntries"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The order grain key: <c>{channel}-{external order no}</c>.</summary>
    public string OrderId => $"{Channel}-{ExternalOrderNo}";
}
