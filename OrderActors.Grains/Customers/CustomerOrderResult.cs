namespace OrderActors.Grains.Customers;

/// <summary>
/// The outcome of recording an order. <see cref="AddressMatched"/>: the address is similar enough (≥ 0.85) to one the
/// customer used before, so it is the same customer at the same address. <see cref="SuspectedDuplicate"/>: a recent
/// order from another channel has the same items and a similar address (<see cref="DuplicateOfOrderId"/>).
/// <see cref="RecentOrders"/>: the customer's orders (this one included) placed within the order's
/// <see cref="CustomerOrder.RecentOrderWindow"/>; 0 when it asked for none.
/// </summary>
public sealed record CustomerOrderResult(
    string Phone,
    string OrderId,
    bool AlreadyRecorded,
    bool IsNewCustomer,
    bool AddressMatched,
    double AddressSimilarity,
    bool SuspectedDuplicate,
    string? DuplicateOfOrderId,
    string? DuplicateOfChannel,
    int RecentOrders = 0);
