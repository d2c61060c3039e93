namespace OrderActors.Grains.Stock;

/// <summary>A holding that ended (shipped, released, expired), remembered for a while so repeated calls answer the same.</summary>
public sealed record ClosedHolding(string OrderId, HoldingStatus Status, int Quantity, string? Warehouse);
