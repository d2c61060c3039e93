namespace OrderActors.Grains.Stock;

/// <summary>
/// The answer to a reservation. <see cref="Accepted"/>: the order now holds <see cref="Reserved"/> units (the full
/// <see cref="Requested"/> quantity, or less with a <see cref="Shortage"/> when shortage was allowed). Not accepted:
/// nothing changed. <see cref="Presale"/>: how many of the units the order holds were sold beyond what was on hand, on
/// the presale allowance, and wait for goods (0 once received goods cover them).
/// </summary>
public sealed record ReservationResult(
    string Sku,
    string OrderId,
    bool Accepted,
    int Requested,
    int Reserved,
    int Shortage,
    HoldingStatus Status,
    DateTimeOffset? ExpiresAt,
    int Presale = 0)
{
    /// <summary>The order holds everything it asked for.</summary>
    public bool IsComplete => Accepted && Shortage == 0;
}
