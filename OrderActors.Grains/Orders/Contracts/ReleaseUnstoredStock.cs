namespace OrderActors.Grains.Orders;

/// <summary>Ledger repair: the SKUs found holding stock for this order although the order was never stored.</summary>
public sealed record ReleaseUnstoredStock(IReadOnlyList<string> Skus, string Actor);
