namespace OrderActors.Grains.Stock;

/// <summary>A physical count: <paramref name="Warehouse"/> holds <paramref name="OnHand"/> units.</summary>
public sealed record StockCount(string Warehouse, int OnHand, string Actor);
