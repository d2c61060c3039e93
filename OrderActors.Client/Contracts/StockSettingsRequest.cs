namespace OrderActors.Client.Contracts;

/// <summary>
/// <c>PUT /api/stock/{sku}/settings</c> (all three required) or <c>PATCH</c> (only those given change; null keeps the
/// current value).
/// </summary>
public sealed record StockSettingsRequest(int? SafetyStock, int? LowStockThreshold, int? PresaleAllowance);
