namespace OrderActors.Grains.Stock;

/// <summary>Allocate <paramref name="OrderId"/>'s reservation to <paramref name="Warehouse"/>.</summary>
public sealed record AllocateStock(string OrderId, string Warehouse, string Actor);
