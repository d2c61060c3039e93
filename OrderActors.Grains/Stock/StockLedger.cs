namespace OrderActors.Grains.Stock;

/// <summary>The totals a SKU grain reports and the open holdings they should add up from.</summary>
public sealed record StockLedger(
    string Sku,
    int OnHand,
    int Reserved,
    int Allocated,
    int PresaleAllowance,
    IReadOnlyList<WarehouseStockView> Warehouses,
    IReadOnlyList<StockHolding> Holdings);
