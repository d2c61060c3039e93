namespace OrderActors.Grains.Stock;

/// <summary>One warehouse's stock of a SKU: <paramref name="Available"/> = on-hand − allocated, what a new allocation there can take.</summary>
public sealed record WarehouseStockView(string Warehouse, int OnHand, int Allocated, int Available);
