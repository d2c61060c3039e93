namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/stock/{sku}</c>.</summary>
public sealed record StockDto(string Sku, int OnHand, int Reserved, int Allocated, int Sellable, int SafetyStock, int LowStockThreshold, int PresaleAllowance, bool IsLow, IReadOnlyList<WarehouseStockDto> Warehouses);
