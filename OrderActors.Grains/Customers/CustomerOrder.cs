namespace OrderActors.Grains.Customers;

/// <summary>
/// An order placed by the customer. <paramref name="DuplicateWindow"/>: how far apart two orders from different
/// channels may be and still count as a suspected duplicate (the exception check's tunable; default 24 h).
/// <paramref name="RecentOrderWindow"/>: when set, the result counts the customer's orders placed within it before
/// <paramref name="PlacedAt"/> (the high-frequency-buyer check), so the caller need not ask for the whole view.
/// </summary>
public sealed record CustomerOrder(
    string OrderId,
    string Channel,
    string Name,
    CustomerAddress Address,
    IReadOnlyList<CustomerOrderItem> Items,
    decimal Amount,
    DateTimeOffset PlacedAt,
    string Actor,
    TimeSpan? DuplicateWindow = null,
    TimeSpan? RecentOrderWindow = null);
