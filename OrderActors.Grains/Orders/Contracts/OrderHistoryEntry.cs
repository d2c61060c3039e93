namespace OrderActors.Grains.Orders;

/// <summary>One entry of an order's audit trail: what happened (<see cref="Type"/>, e.g. <c>order.paid</c>), who, when, why, and what changed.</summary>
public sealed record OrderHistoryEntry(
    long Version,
    string Type,
    string Actor,
    DateTimeOffset At,
    OrderStatus? FromStatus,
    OrderStatus? ToStatus,
    string? Reason,
    IReadOnlyList<FieldChange> Changes);
