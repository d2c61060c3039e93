namespace OrderActors.Grains.Ledger;

/// <summary>What a ledger repair did: the releases, and the check before and after them.</summary>
public sealed record LedgerRepair(IReadOnlyList<LedgerRelease> Released, LedgerReport Before, LedgerReport After);

/// <summary>Stock released for an order that was never stored: the SKUs that held it.</summary>
public sealed record LedgerRelease(string OrderId, IReadOnlyList<string> Skus);
