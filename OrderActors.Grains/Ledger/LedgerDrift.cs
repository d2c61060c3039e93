namespace OrderActors.Grains.Ledger;

/// <summary>
/// One disagreement found by the ledger check: what <paramref name="Kind"/> of fact, on which SKU (and order), what it
/// should be and what it is. Kinds are listed in <see cref="LedgerDriftKinds"/>.
/// </summary>
public sealed record LedgerDrift(string Kind, string Sku, string? OrderId, string Expected, string Actual);
