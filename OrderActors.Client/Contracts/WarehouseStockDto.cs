namespace OrderActors.Client.Contracts;

/// <summary>One warehouse's stock of a SKU.</summary>
public sealed record WarehouseStockDto(string Warehouse, int OnHand, int Allocated, int Available);
