namespace OrderActors.Grains.Stock;

/// <summary>
/// Per-SKU settings. <paramref name="SafetyStock"/> is never sold; sellable at or below
/// <paramref name="LowStockThreshold"/> (when above 0) is low stock; <paramref name="PresaleAllowance"/> units may be
/// reserved beyond on-hand.
/// </summary>
public sealed record StockSettings(int SafetyStock, int LowStockThreshold, int PresaleAllowance, string Actor);
