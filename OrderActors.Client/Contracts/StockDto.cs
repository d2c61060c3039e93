namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>GET /api/stock/{sku}</c>. <see cref="SettingsVersion"/> is the version of the settings, the one their <c>ETag</c>
/// carries (<c>GET /api/stock/{sku}/settings</c>) and an <c>If-Match</c> on a change of them names.
/// </summary>
public sealed record StockDto(string Sku, int OnHand, int Reserved, int Allocated, int Sellable, int SafetyStock, int LowStockThreshold, int PresaleAllowance, bool IsLow, IReadOnlyList<WarehouseStockDto> Warehouses, int SettingsVersion = 0);
