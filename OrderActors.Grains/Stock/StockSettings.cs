namespace OrderActors.Grains.Stock;

/// <summary>
/// Per-SKU settings; a setting left null keeps its current value. <paramref name="SafetyStock"/> is never sold;
/// sellable at or below <paramref name="LowStockThreshold"/> (when above 0) is low stock; <paramref name="PresaleAllowance"/>
/// units may be reserved beyond on-hand. With <paramref name="IfVersion"/> the change is made only if the settings are
/// still at that version (<see cref="SkuStockState.SettingsVersion"/>); otherwise <c>stock.settings_changed</c> and
/// nothing changes.
/// </summary>
public sealed record StockSettings(int? SafetyStock, int? LowStockThreshold, int? PresaleAllowance, string Actor, int? IfVersion = null);
