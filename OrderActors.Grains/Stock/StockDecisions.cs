using OrderActors.Grains.Stock.Events;

namespace OrderActors.Grains.Stock;

/// <summary>
/// The SKU's rules as pure functions: a command and the current state in, the events out (or a
/// <see cref="DomainException"/> before anything changes). The grain only appends what these decide.
/// </summary>
public static partial class StockDecisions
{
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
