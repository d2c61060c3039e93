using OrderActors.Grains.Stock.Events;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The SKU's rules as pure functions: a command and the current state in, the events out (or a
/// <see cref="DomainException"/> before anything changes). The grain only appends what these decide.
/// </summary>
public static class StockDecisions
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

    public static StockDecision Reserve(SkuStockState state, ReserveStock command, DateTimeOffset now)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfInvalid(command.Quantity, "quantity");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (command.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            throw DomainException.Validation("stock.invalid_expiry", "expiresAt", $"The reservation would expire at {expiresAt:O}, which is not after now ({now:O}).");
        }

        var existing = state.Holdings.GetValueOrDefault(command.OrderId);
        if (existing is null && state.TryGetClosed(command.OrderId, out var closed) && closed.Status == HoldingStatus.Shipped)
        {
            return new StockDecision([]);
        }

        if (existing is not null && existing.Quantity >= command.Quantity)
        {
            return new StockDecision(ConfirmsOnReserve(command, existing) ? [new StockConfirmed(command.OrderId)] : []);
        }

        if (existing?.Warehouse is not null)
        {
            throw DomainException.Conflict("stock.already_allocated", $"Order {command.OrderId} is already allocated; its reservation cannot grow.");
        }

        var changes = new StockChangeSet(state);
        ReleaseExpired(state, changes, now, except: command.OrderId);
        var missing = command.Quantity - (existing?.Quantity ?? 0);
        var available = changes.Levels.Sellable;
        var add = command.AllowShortage ? Math.Min(missing, available) : missing;
        var accepted = command.AllowShortage || missing <= available;
        if (accepted && (add > 0 || existing is null))
        {
            changes.Add(new StockReserved(command.OrderId, add, command.Quantity, existing is null ? command.ExpiresAt : existing.ExpiresAt, BeyondOnHand(changes.Levels, add)));
        }

        if (accepted && ConfirmsOnReserve(command, existing))
        {
            changes.Add(new StockConfirmed(command.OrderId));
        }

        return new StockDecision(changes.Complete(), accepted);
    }

    /// <summary>
    /// How many of <paramref name="add"/> more reserved units are beyond what is on hand (sold on the presale allowance):
    /// those that take what is committed (reserved + allocated) past the on-hand across warehouses. Safety stock does
    /// not count: it is on hand, and allocation can ship it.
    /// </summary>
    private static int BeyondOnHand(StockLevels levels, int add)
    {
        var committed = levels.Reserved + levels.TotalAllocated;
        return (int)Math.Clamp(committed + add - levels.TotalOnHand, 0, add);
    }

    /// <summary>
    /// A paid order's reservation (<see cref="ReserveStock.Confirm"/>) confirms its holding in the same write, unless the
    /// holding is confirmed already or allocated to a warehouse (past confirmation), as <see cref="Confirm"/> decides.
    /// </summary>
    private static bool ConfirmsOnReserve(ReserveStock command, StockHoldingEntry? existing) =>
        command.Confirm && existing is not { Confirmed: true } && existing?.Warehouse is null;

    public static StockDecision Release(SkuStockState state, string sku, ReleaseStock command)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (state.Holdings.TryGetValue(command.OrderId, out var holding))
        {
            var changes = new StockChangeSet(state);
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? "released" : command.Reason;
            changes.Add(new StockReleased(command.OrderId, holding.Quantity, holding.Warehouse, Expired: false, reason));
            return new StockDecision(changes.Complete());
        }

        if (state.TryGetClosed(command.OrderId, out var closed) && closed.Status == HoldingStatus.Shipped)
        {
            throw StockErrors.Closed(sku, closed);
        }

        return new StockDecision([]);
    }

    public static StockDecision Confirm(SkuStockState state, string sku, ConfirmStock command)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        var holding = OpenOrClosed(state, sku, command.OrderId, allowShipped: true);
        if (holding is null || holding.Confirmed || holding.Warehouse is not null)
        {
            return new StockDecision([]);
        }

        // Paid presale units that goods on hand already cover stop waiting now: the paying order is told by this answer.
        return holding.Presale > 0 && state.AwaitingGoods(command.OrderId) == 0
            ? new StockDecision([new StockConfirmed(command.OrderId), new StockPresaleCovered([command.OrderId])])
            : new StockDecision([new StockConfirmed(command.OrderId)]);
    }

    public static StockDecision Allocate(SkuStockState state, string sku, AllocateStock command)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfBlank(command.Warehouse, "warehouse");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        var holding = OpenOrClosed(state, sku, command.OrderId, allowShipped: true);
        if (holding is null || holding.Warehouse == command.Warehouse)
        {
            return new StockDecision([]);
        }

        if (holding.Warehouse is not null)
        {
            throw DomainException.Conflict("stock.already_allocated", $"Order {command.OrderId}'s {sku} is allocated to {holding.Warehouse}; release it first to allocate elsewhere.");
        }

        if (holding.Quantity < holding.Requested)
        {
            throw DomainException.Conflict("stock.reservation_short", $"Order {command.OrderId} holds {holding.Quantity} of {holding.Requested} {sku}; it cannot be allocated until the shortage is covered.");
        }

        var warehouse = state.Levels.Warehouse(command.Warehouse);
        if (warehouse.OnHand - warehouse.Allocated < holding.Quantity)
        {
            throw DomainException.Conflict("stock.warehouse_insufficient", $"{command.Warehouse} has {warehouse.OnHand - warehouse.Allocated} {sku} free; order {command.OrderId} needs {holding.Quantity}.");
        }

        var changes = new StockChangeSet(state);
        changes.Add(new StockAllocated(command.OrderId, command.Warehouse, holding.Quantity));
        return new StockDecision(changes.Complete());
    }

    /// <summary>The order's open allocation in the named warehouse goes back to a reservation; anything else changes nothing.</summary>
    public static StockDecision Unallocate(SkuStockState state, UnallocateStock command)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfBlank(command.Warehouse, "warehouse");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (!state.Holdings.TryGetValue(command.OrderId, out var holding) || holding.Warehouse != command.Warehouse)
        {
            return new StockDecision([]);
        }

        var changes = new StockChangeSet(state);
        changes.Add(new StockUnallocated(command.OrderId, command.Warehouse, holding.Quantity));
        return new StockDecision(changes.Complete());
    }

    public static StockDecision Ship(SkuStockState state, string sku, ShipStock command)
    {
        StockErrors.ThrowIfBlank(command.OrderId, "orderId");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        var holding = OpenOrClosed(state, sku, command.OrderId, allowShipped: true);
        if (holding is null)
        {
            return new StockDecision([]);
        }

        if (holding.Warehouse is null)
        {
            throw DomainException.Conflict("stock.not_allocated", $"Order {command.OrderId}'s {sku} is not allocated to a warehouse yet.");
        }

        var changes = new StockChangeSet(state);
        changes.Add(new StockShipped(command.OrderId, holding.Warehouse, holding.Quantity));
        return new StockDecision(changes.Complete());
    }

    public static StockDecision Restock(SkuStockState state, RestockReturn command)
    {
        StockErrors.ThrowIfBlank(command.ReturnId, "returnId");
        StockErrors.ThrowIfBlank(command.Warehouse, "warehouse");
        StockErrors.ThrowIfInvalid(command.Quantity, "quantity");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (state.HasSeen($"return:{command.ReturnId}"))
        {
            return new StockDecision([]);
        }

        EnsureCoverWithinLimit(state.Levels, command.Quantity, "quantity");
        var changes = new StockChangeSet(state);
        changes.Add(new StockRestocked(command.ReturnId, command.Warehouse, command.Quantity));
        return new StockDecision(changes.Complete());
    }

    public static StockDecision Transfer(SkuStockState state, string sku, TransferReservation command)
    {
        StockErrors.ThrowIfBlank(command.FromOrderId, "fromOrderId");
        StockErrors.ThrowIfBlank(command.ToOrderId, "toOrderId");
        StockErrors.ThrowIfInvalid(command.Quantity, "quantity");
        StockErrors.ThrowIfBlank(command.Actor, "actor");
        if (command.FromOrderId == command.ToOrderId)
        {
            throw DomainException.Validation("stock.invalid_transfer", "toOrderId", "A reservation cannot be transferred to the order it comes from.");
        }

        var target = state.Holdings.GetValueOrDefault(command.ToOrderId);
        if (target?.TransfersFrom?.Contains(command.FromOrderId) == true
            || (target is null && state.TryGetClosed(command.ToOrderId, out var closedTarget) && closedTarget.Status == HoldingStatus.Shipped))
        {
            return new StockDecision([]);
        }

        if (target?.Warehouse is not null)
        {
            throw DomainException.Conflict("stock.already_allocated", $"Order {command.ToOrderId} is already allocated; it cannot take more {sku}.");
        }

        var source = OpenOrClosed(state, sku, command.FromOrderId, allowShipped: false)!;
        if (source.Warehouse is not null)
        {
            throw DomainException.Conflict("stock.already_allocated", $"Order {command.FromOrderId}'s {sku} is allocated; release the allocation before transferring.");
        }

        if (source.Quantity < command.Quantity)
        {
            throw DomainException.Conflict("stock.transfer_insufficient", $"Order {command.FromOrderId} holds {source.Quantity} {sku}; cannot transfer {command.Quantity}.");
        }

        return new StockDecision([new StockTransferred(command.FromOrderId, command.ToOrderId, command.Quantity, source.ExpiresAt, source.Confirmed)]);
    }

    /// <summary>Releases every reservation whose hold has run out (the SKU's expiry reminder, or lazily before a reservation).</summary>
    public static StockDecision Expire(SkuStockState state, DateTimeOffset now)
    {
        var changes = new StockChangeSet(state);
        ReleaseExpired(state, changes, now, except: null);
        return new StockDecision(changes.Complete());
    }

    private static void ReleaseExpired(SkuStockState state, StockChangeSet changes, DateTimeOffset now, string? except)
    {
        // Most reservations find nothing expired: say so without starting an enumeration of the expiry set.
        if (state.EarliestExpiry is not { } earliest || earliest > now)
        {
            return;
        }

        foreach (var expired in state.ExpiredAt(now))
        {
            if (expired.OrderId != except)
            {
                changes.Add(new StockReleased(expired.OrderId, expired.Quantity, null, Expired: true, "hold expired"));
            }
        }
    }

    /// <summary>
    /// Refuses, before anything is written, a change of <paramref name="change"/> units to the SKU's cover (on-hand
    /// across warehouses + presale allowance) that would take it past <see cref="StockErrors.MaxTotal"/>. The per-warehouse
    /// limit alone let 22 warehouses add up past <c>int</c>. A change that lowers a cover already past the limit (set before
    /// it was enforced) is let through, so such a SKU can be brought back.
    /// </summary>
    private static void EnsureCoverWithinLimit(StockLevels levels, long change, string field)
    {
        var after = levels.Cover + change;
        if (change > 0 && after > StockErrors.MaxTotal)
        {
            throw StockErrors.TotalTooLarge(field, after);
        }
    }

    /// <summary>The order's open holding; null when it shipped (and that is fine); otherwise a not-found or closed error.</summary>
    private static StockHoldingEntry? OpenOrClosed(SkuStockState state, string sku, string orderId, bool allowShipped)
    {
        if (state.Holdings.TryGetValue(orderId, out var holding))
        {
            return holding;
        }

        if (state.TryGetClosed(orderId, out var closed))
        {
            return closed.Status == HoldingStatus.Shipped && allowShipped ? null : throw StockErrors.Closed(sku, closed);
        }

        throw StockErrors.NotFound(sku, orderId);
    }
}
