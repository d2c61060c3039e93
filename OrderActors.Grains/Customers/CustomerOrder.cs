namespace OrderActors.Grains.Customers;

/// <summary>
/// An order placed by the customer. <paramref name="DuplicateWindow"/>: how far apart two orders from different
/// channels may be and still count as a suspected duplicate (the exception check's tunable; default 24 h).
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
    TimeSpan? DuplicateWindow = null);
