namespace OrderActors.Grains.Stock;

/// <summary>Takes back the order's allocation in <see cref="Warehouse"/> (undoing an allocation step that failed for another SKU).</summary>
public sealed record UnallocateStock(string OrderId, string Warehouse, string Actor);
