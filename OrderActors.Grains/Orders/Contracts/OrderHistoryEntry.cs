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
    IReadOnlyList<FieldChange> Changes)
{
    /// <summary>What <see cref="Reason"/> may reveal (a hold's detail can name the phone or an amount).</summary>
    public SensitiveData ReasonReveals { get; init; }

    /// <summary>The reason for a caller who may not see what <see cref="ReasonReveals"/> names; <c>null</c> when there is none to give.</summary>
    public string? NeutralReason { get; init; }
}
