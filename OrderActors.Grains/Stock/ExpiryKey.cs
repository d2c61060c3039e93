namespace OrderActors.Grains.Stock;

/// <summary>Orders reservations by expiry, then order id, in the in-memory expiry index.</summary>
public readonly record struct ExpiryKey(DateTimeOffset ExpiresAt, string OrderId) : IComparable<ExpiryKey>
{
    public int CompareTo(ExpiryKey other)
    {
        var byTime = ExpiresAt.CompareTo(other.ExpiresAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(OrderId, other.OrderId);
    }
}
