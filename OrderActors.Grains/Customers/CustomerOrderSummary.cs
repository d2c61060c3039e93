namespace OrderActors.Grains.Customers;

/// <summary>One of the customer's orders: amount paid less refunds is <see cref="NetAmount"/>.</summary>
public sealed record CustomerOrderSummary(string OrderId, string Channel, decimal Amount, decimal Refunded, DateTimeOffset PlacedAt)
{
    /// <summary>What the order counts toward spend.</summary>
    public decimal NetAmount => Amount - Refunded;
}
