namespace OrderActors.Grains.Ledger;

/// <summary>The outcome of a ledger check: how much was looked at, and every drift found (none when the books agree).</summary>
public sealed record LedgerReport(int SkusChecked, int OrdersChecked, int HoldingsChecked, IReadOnlyList<LedgerDrift> Drifts, DateTimeOffset CheckedAt)
{
    /// <summary>No drift.</summary>
    public bool IsClean => Drifts.Count == 0;
}
