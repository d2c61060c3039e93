namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>GET /api/stock/{sku}/settings</c>: the SKU's settings and their <see cref="Version"/> (also the <c>ETag</c>, quoted),
/// which goes up by one with every change.
/// </summary>
public sealed record StockSettingsDto(string Sku, int SafetyStock, int LowStockThreshold, int PresaleAllowance, int Version);
