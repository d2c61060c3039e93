namespace OrderActors.Grains.Orders;

/// <summary>
/// Grain-to-grain: the merged-in order <see cref="OrderId"/>, whose buyer cancelled, asks its merge target to take its
/// <see cref="Lines"/> and <see cref="PaidAmount"/> out of the merged order (or to hold it for a person when it is too late,
/// unless <see cref="OnlyBeforePacking"/>: then a packed target changes nothing and the caller refuses).
/// </summary>
public sealed record TakeOutMerged(string OrderId, IReadOnlyList<OrderLineView> Lines, decimal PaidAmount, string Reason, string Actor)
{
    public bool OnlyBeforePacking { get; init; }
}
