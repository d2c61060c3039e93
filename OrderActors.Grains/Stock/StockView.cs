namespace OrderActors.Grains.Stock;

/// <summary>
/// A SKU's stock. <see cref="Reserved"/> counts reservations not yet allocated; <see cref="Allocated"/> counts
/// allocations to warehouses. <see cref="Sellable"/> = on-hand + presale allowance − safety stock − reserved − allocated, at least 0.
/// <see cref="SettingsVersion"/> counts the changes of the settings (0: never changed). <see cref="Known"/> is false for a
/// SKU nothing ever happened to (no receipt, count, settings or reservation): its zeros are not a stock level.
/// </summary>
public sealed record StockView(
    string Sku,
    int OnHand,
    int Reserved,
    int Allocated,
    int Sellable,
    int SafetyStock,
    int LowStockThreshold,
    int PresaleAllowance,
    bool IsLow,
    int OpenHoldings,
    IReadOnlyList<WarehouseStockView> Warehouses,
    int SettingsVersion,
    bool Known);
