using OrderActors.Grains.Stock.Events;

namespace OrderActors.Grains.Stock;

/// <summary>The SKU's levels: goods received, counted, and the settings (safety stock, threshold, presale allowance).</summary>
public static partial class StockDecisions
{
    public static StockDecision Receive(SkuStockState state, StockReceipt command)
    {
        StockErrors.ThrowIfBlank(command.Warehouse, "warehouse");
        StockErrors.ThrowIfInvalid(command.Quantity, "quantity");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (command.ReceiptId is not null && state.HasSeen($"receipt:{command.ReceiptId}"))
        {
            // A retry changes nothing. The same reference with other goods is not a retry: answered as one, the
            // operator who corrected a mistyped quantity under the same reference was told it was done.
            if (state.GoodsOfReceipt(command.ReceiptId) is { } goods && !state.HasSeen(SkuStockState.ReceiptGoods(command.ReceiptId, command.Warehouse, command.Quantity)))
            {
                throw new DomainException(
                    DomainErrorKind.Conflict,
                    "stock.receipt_id_reused",
                    $"Receipt '{command.ReceiptId}' was already counted, as {goods.Quantity} into {goods.Warehouse}; nothing was changed. " +
                    "Send a receipt of other goods under a reference of its own, or correct a count with a stock count.",
                    "receiptId");
            }

            return new StockDecision([]);
        }

        if ((long)state.Levels.Warehouse(command.Warehouse).OnHand + command.Quantity > StockErrors.MaxQuantity)
        {
            throw StockErrors.InvalidQuantity("quantity", command.Quantity);
        }

        EnsureCoverWithinLimit(state.Levels, command.Quantity, "quantity");
        var changes = new StockChangeSet(state);
        changes.Add(new StockReceived(command.Warehouse, command.Quantity, command.ReceiptId));
        return new StockDecision(changes.Complete());
    }

    public static StockDecision Count(SkuStockState state, string sku, StockCount command)
    {
        StockErrors.ThrowIfBlank(command.Warehouse, "warehouse");
        StockErrors.ThrowIfNegative(command.OnHand, "onHand");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        var previous = state.Levels.Warehouse(command.Warehouse).OnHand;
        if (previous == command.OnHand && state.Levels.Warehouses.ContainsKey(command.Warehouse))
        {
            return new StockDecision([]);
        }

        EnsureCoverWithinLimit(state.Levels, (long)command.OnHand - previous, "onHand");
        var changes = new StockChangeSet(state);
        changes.Add(new StockCounted(command.Warehouse, command.OnHand, previous));
        if (changes.Levels.FindViolation() is not null)
        {
            var levels = state.Levels;
            throw DomainException.Conflict(
                "stock.count_below_committed",
                $"Counting {command.OnHand} in {command.Warehouse} would leave committed stock of {sku} uncovered " +
                $"(allocated there {levels.Warehouse(command.Warehouse).Allocated}; reserved {levels.Reserved} + allocated {levels.Allocated} " +
                $"against on-hand {levels.OnHand} + presale {levels.PresaleAllowance}). {HoldersOf(state, command.Warehouse)}" +
                "Release or cancel orders first, or raise the presale allowance.");
        }

        return new StockDecision(changes.Complete());
    }

    /// <summary>
    /// The orders a refused count would leave uncovered, so the operator knows which to release or cancel: those
    /// allocated in the warehouse counted, else those reserving the SKU; the 10 largest, then how many more.
    /// </summary>
    private static string HoldersOf(SkuStockState state, string warehouse)
    {
        var allocatedThere = state.Holdings.Values.Where(h => h.Warehouse == warehouse).ToList();
        var (holders, what) = allocatedThere.Count > 0
            ? (allocatedThere, $"Allocated in {warehouse} to")
            : (state.Holdings.Values.Where(h => h.Warehouse is null).ToList(), "Reserved by");
        if (holders.Count == 0)
        {
            return string.Empty;
        }

        const int Named = 10;
        var named = holders.OrderByDescending(h => h.Quantity).ThenBy(h => h.OrderId, StringComparer.Ordinal).Take(Named).Select(h => $"{h.OrderId} ({h.Quantity})");
        var more = holders.Count > Named ? $" and {holders.Count - Named} more" : string.Empty;
        return $"{what}: {string.Join(", ", named)}{more}. ";
    }

    /// <summary>
    /// Settings not given keep their values, decided here in the grain's turn so a partial change never overwrites
    /// another one. A stale <see cref="StockSettings.IfVersion"/> is refused before anything else, even a no-op.
    /// </summary>
    public static StockDecision Configure(SkuStockState state, string sku, StockSettings command)
    {
        var levels = state.Levels;
        var safety = command.SafetyStock ?? levels.SafetyStock;
        var threshold = command.LowStockThreshold ?? levels.LowStockThreshold;
        var presale = command.PresaleAllowance ?? levels.PresaleAllowance;
        StockErrors.ThrowIfNegative(safety, "safetyStock");
        StockErrors.ThrowIfNegative(threshold, "lowStockThreshold");
        StockErrors.ThrowIfNegative(presale, "presaleAllowance");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (command.IfVersion is { } expected && expected != state.SettingsVersion)
        {
            throw StockErrors.SettingsChanged(sku, expected, state.SettingsVersion);
        }

        if (levels.SafetyStock == safety && levels.LowStockThreshold == threshold && levels.PresaleAllowance == presale)
        {
            return new StockDecision([]);
        }

        EnsureCoverWithinLimit(levels, (long)presale - levels.PresaleAllowance, "presaleAllowance");
        var changes = new StockChangeSet(state);
        changes.Add(new StockConfigured(safety, threshold, presale));
        if (changes.Levels.FindViolation() is not null)
        {
            throw DomainException.Conflict(
                "stock.settings_below_committed",
                $"A presale allowance of {presale} would leave committed stock of {sku} uncovered " +
                $"(reserved {levels.Reserved} + allocated {levels.Allocated} against on-hand {levels.OnHand}).");
        }

        return new StockDecision(changes.Complete());
    }
}
