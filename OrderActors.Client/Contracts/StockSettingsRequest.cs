namespace OrderActors.Client.Contracts;

/// <summary><c>PUT /api/stock/{sku}/settings</c>.</summary>
public sealed record StockSettingsRequest(int? SafetyStock, int? LowStockThreshold, int? PresaleAllowance);
