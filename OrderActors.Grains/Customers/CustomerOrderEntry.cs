namespace OrderActors.Grains.Customers;

/// <summary>One of the customer's orders as the customer grain keeps it.</summary>
public sealed class CustomerOrderEntry
{
    public required string OrderId { get; set; }

    public required string Channel { get; set; }

    public decimal Amount { get; set; }

    public decimal Refunded { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    /// <summary>The items as <c>sku×qty</c> sorted, so equal baskets compare equal.</summary>
    public required string ItemsKey { get; set; }

    public required string NormalizedAddress { get; set; }

    public double AddressSimilarity { get; set; }

    public string? DuplicateOfOrderId { get; set; }

    public string? DuplicateOfChannel { get; set; }

    public List<string> RefundIds { get; set; } = [];
}
