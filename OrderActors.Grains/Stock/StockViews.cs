namespace OrderActors.Grains.Stock;

/// <summary>Builds the SKU grain's answers from its state.</summary>
public static class StockViews
{
    /// <param name="sku">The SKU.</param>
    /// <param name="state">Its state.</param>
    /// <param name="known">False when nothing was ever recorded for the SKU (its journal is empty).</param>
    public static StockView ToView(string sku, SkuStockState state, bool known = true)
    {
        var levels = state.Levels;
        var warehouses = levels.Warehouses
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new WarehouseStockView(w.Key, w.Value.OnHand, w.Value.Allocated, w.Value.OnHand - w.Value.Allocated))
            .ToList();
        return new StockView(
            sku,
            levels.OnHand,
            levels.Reserved,
            levels.Allocated,
            levels.Sellable,
            levels.SafetyStock,
            levels.LowStockThreshold,
            levels.PresaleAllowance,
            levels.IsLow,
            state.Holdings.Count,
            warehouses,
            state.SettingsVersion,
            known);
    }

    public static StockHolding ToHolding(string sku, SkuStockState state, string orderId)
    {
        if (state.Holdings.TryGetValue(orderId, out var open))
        {
            return new StockHolding(sku, orderId, open.Status, open.Quantity, open.Warehouse, open.CanExpire ? open.ExpiresAt : null);
        }

        return state.TryGetClosed(orderId, out var closed)
            ? new StockHolding(sku, orderId, closed.Status, closed.Quantity, closed.Warehouse, null)
            : new StockHolding(sku, orderId, HoldingStatus.None, 0, null, null);
    }

    public static ReservationResult ToReservationResult(string sku, SkuStockState state, ReserveStock command, bool accepted)
    {
        var holding = ToHolding(sku, state, command.OrderId);
        var held = holding.Status is HoldingStatus.Reserved or HoldingStatus.Confirmed or HoldingStatus.Allocated or HoldingStatus.Shipped
            ? holding.Quantity
            : 0;
        return new ReservationResult(
            sku,
            command.OrderId,
            accepted,
            command.Quantity,
            held,
            Math.Max(0, command.Quantity - held),
            holding.Status,
            holding.ExpiresAt,
            state.Holdings.TryGetValue(command.OrderId, out var open) ? open.Presale : 0);
    }

    public static StockLedger ToLedger(string sku, SkuStockState state)
    {
        var holdings = state.Holdings.Values
            .OrderBy(h => h.OrderId, StringComparer.Ordinal)
            .Select(h => new StockHolding(sku, h.OrderId, h.Status, h.Quantity, h.Warehouse, h.CanExpire ? h.ExpiresAt : null))
            .ToList();
        var levels = state.Levels;
        return new StockLedger(sku, levels.OnHand, levels.Reserved, levels.Allocated, levels.PresaleAllowance, ToView(sku, state).Warehouses, holdings);
    }
}
