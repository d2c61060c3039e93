namespace OrderActors.Grains.Stock;

/// <summary>One remembered closed holding, stored inline in <see cref="ClosedHoldings"/>' ring (24 bytes, no object of its own).</summary>
internal readonly record struct ClosedHoldingSlot(string OrderId, string? Warehouse, int Quantity, HoldingStatus Status);
