namespace OrderActors.Grains.Stock;

/// <summary><paramref name="OrderId"/>'s allocation left the warehouse.</summary>
public sealed record ShipStock(string OrderId, string Actor);
