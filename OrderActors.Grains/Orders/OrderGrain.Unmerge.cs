using OrderActors.Grains.Orders.Events;

namespace OrderActors.Grains.Orders;

/// <summary>
/// A buyer's cancellation of one order of a merged shipment: that order's lines, and only those, leave it. Before packing
/// they are taken out (un-merge: stock and payment go back to the order, which is cancelled); once packed the shipment is
/// held for a person; once shipped the order opens a return of its own lines. See docs/decisions.md.
/// </summary>
public sealed partial class OrderGrain
{
    public async Task<OrderView> CancelMergedAsync(CancelMerged command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Merged)
        {
            return await LeaveMergeAsync(command);
        }

        if (State.MergedFrom.Count > 0)
        {
            return await CancelMergeTargetAsync(command);
        }

        if (State.Status == OrderStatus.Cancelled && State.UnmergedFrom.Count > 0)
        {
            // Cancelled as a merge target: the orders taken out are told again (a stop may have come before they were).
            await RestoreMergedAsync(State.UnmergedFrom, command.Reason, command.Actor);
            return await ViewAsync();
        }

        if (State.UnmergedFrom.Count > 0 && State.Status is OrderStatus.Paid or OrderStatus.Allocated)
        {
            // Its merged-in orders all left since the caller looked (their buyers' change or refund came first): an order of
            // its own now, cancelled as the caller would have cancelled it had it looked a moment later.
            var rules = await RulesAsync();
            await CancelAndReleaseAsync(command.Reason, command.Actor, rules);
            return await AfterChangeAsync(rules);
        }

        throw DomainException.Conflict(OrderErrors.InvalidTransition, $"Order '{Id}' is not part of a merge.");
    }

    public async Task<OrderView> TakeOutMergedAsync(TakeOutMerged command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderGuards.EnsureExists(State, Id);
        if (State.UnmergedFrom.Contains(command.OrderId) || State.CancelledMergedOrders.Contains(command.OrderId))
        {
            return await ViewAsync();
        }

        if (!State.MergedFrom.Contains(command.OrderId))
        {
            // Merged into this order by a merge a stop interrupted before this order recorded it: its retry takes it in.
            throw DomainException.Conflict(OrderErrors.InvalidTransition, $"Order '{command.OrderId}' is not (yet) recorded as merged into '{Id}'; retry once the merge is finished.");
        }

        var rules = await RulesAsync();
        switch (State.Status)
        {
            case OrderStatus.Paid or OrderStatus.Allocated:
                var stock = Stock(command.Actor);
                var unallocate = await UnallocateForUnmergeAsync(stock);
                await stock.TransferAsync(OrderStock.Needs(command.Lines), Id, command.OrderId);
                var lines = Without(State.Lines, command.Lines);
                var reason = $"{command.OrderId} {command.Reason}";
                await journal.AppendAsync(new OrdersUnmerged([command.OrderId], lines, State.PaidAmount - command.PaidAmount, unallocate, reason, time.GetUtcNow()), command.Actor);
                return await AfterChangeAsync(rules);
            case OrderStatus.Packed when !command.OnlyBeforePacking:
                await HoldForCancelledLinesAsync(command.OrderId, command.Lines, command.Reason, command.Actor);
                return await AfterChangeAsync(rules);
            default:
                // Shipped or later: the merged-in order opens its own return. Cancelled or split: see the decision.
                return await ViewAsync();
        }
    }

    public async Task<OrderView> RestoreFromMergeAsync(RestoreFromMerge command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status != OrderStatus.Merged || State.MergedInto != command.TargetOrderId)
        {
            return await ViewAsync();
        }

        await journal.AppendAsync(new OrderUnmergedFrom(command.TargetOrderId, $"{command.TargetOrderId} {command.Reason}", time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    /// <summary>
    /// This order was merged into another and its buyer cancelled. The target decides first (it holds the lines and the
    /// stock): it gives them back, or holds itself for a person; then this order follows in one append. A retry after a
    /// stop in between finds the target's decision made (it answers the same) and finishes here.
    /// </summary>
    private async Task<OrderView> LeaveMergeAsync(CancelMerged command)
    {
        var targetId = State.MergedInto!;
        if (State.CancelledMergedOrders.Contains(Id) && !command.OnlyBeforePacking)
        {
            return await ViewAsync();
        }

        var target = await GrainFactory.GetGrain<IOrderGrain>(targetId)
            .TakeOutMergedAsync(new TakeOutMerged(Id, [.. State.Lines], State.PaidAmount, command.Reason, command.Actor) { OnlyBeforePacking = command.OnlyBeforePacking });
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        if (target.UnmergedFrom.Contains(Id))
        {
            // The target gave this order's stock back: it is released here, as any cancelled order's.
            await Task.WhenAll(
                Stock(command.Actor).ReleaseAsync(OrderStock.Needs(State.Lines), command.Reason),
                RecordRefundAsync("cancel", State.TotalAmount, command.Reason, command.Actor));
            await AppendHoldEndedAsync([new OrderUnmergedFrom(targetId, command.Reason, now), new OrderCancelled(command.Reason, now)], command.Actor, rules);
        }
        else if (command.OnlyBeforePacking)
        {
            throw TooLateToCancel(target);
        }
        else if (target.Status == OrderStatus.Packed)
        {
            await journal.AppendAsync(new MergedLinesCancelled(Id, [.. State.Lines], $"{command.Reason}; {targetId} is held until they are taken out", now), command.Actor);
        }
        else if (target.Status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed or OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded && command.ReturnWhenShipped)
        {
            // Its goods left in the target's parcel (whether or not the target's own buyer has started a return since): a
            // return of its own lines, received and credited as any return.
            await journal.AppendAsync(new ReturnRequested(command.Reason, now, target.Warehouse), command.Actor);
        }
        else
        {
            return await ViewAsync();
        }

        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// This order is a merge target and its own buyer cancelled. Before packing, the merged-in orders get their lines and
    /// stock back and are orders of their own again (paid, unallocated); this order's own lines are released and it is
    /// cancelled, in one append. Packed: held for a person. Shipped: a return of its own lines and payment.
    /// </summary>
    private async Task<OrderView> CancelMergeTargetAsync(CancelMerged command)
    {
        var merged = await MergedOrdersAsync();
        var own = merged.Aggregate((IReadOnlyList<OrderLineView>)State.Lines, (lines, other) => Without(lines, other.Lines));
        var ownPaid = State.PaidAmount - merged.Sum(o => o.PaidAmount);
        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        switch (State.Status)
        {
            case OrderStatus.Paid or OrderStatus.Allocated:
                // The merged-in orders are told before this order's append, not after: a merged-in order whose own turn is
                // calling this one at the moment (its buyer's change or refund) makes the runtime refuse one call of the
                // wait cycle, and a refusal here then comes before this order changed (the retry finishes the
                // idempotent steps), never after a cancellation it would report as not made.
                var unmerged = await GiveBackMergedAsync(merged, command.Reason, command.Actor, now);
                await RestoreMergedAsync(unmerged.OrderIds, command.Reason, command.Actor);
                await Task.WhenAll(
                    Stock(command.Actor).ReleaseAsync(OrderStock.Needs(own), command.Reason),
                    RecordRefundAsync("cancel", own.Sum(l => l.Amount), command.Reason, command.Actor, ownShare: true));
                await AppendHoldEndedAsync([unmerged, new OrderCancelled(command.Reason, now)], command.Actor, rules);
                break;
            case OrderStatus.Packed when !State.CancelledMergedOrders.Contains(Id):
                await HoldForCancelledLinesAsync(Id, own, command.Reason, command.Actor);
                break;
            case OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed when command.ReturnWhenShipped:
                await journal.AppendAsync(new ReturnRequested(command.Reason, now, null, own, ownPaid), command.Actor);
                break;
            default:
                return await ViewAsync();
        }

        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// A person's cancellation of this merged-in order came after its target was packed (or went further): refused, as the
    /// cancellation of a packed order is, saying where the lines are and what takes them out.
    /// </summary>
    private DomainException TooLateToCancel(OrderView target)
    {
        var where = target.Status switch
        {
            OrderStatus.Packed => $"its lines ({Items(State.Lines)}) are in that parcel, and a packed order is not cancelled. The buyer's cancellation on the channel holds '{target.Id}' until they are taken out",
            OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed => $"its lines ({Items(State.Lines)}) left in that parcel. The buyer's cancellation on the channel opens a return of them",
            _ => "its lines cannot be taken out of it now",
        };
        return DomainException.Conflict(OrderErrors.InvalidTransition, $"Cannot cancel order '{Id}': it is merged into '{target.Id}', which is {target.Status}; {where}.");
    }

    private static string Items(IReadOnlyList<OrderLineView> lines) => string.Join(", ", OrderStock.Needs(lines).Select(n => $"{n.Key} × {n.Value}"));

    private async Task RestoreMergedAsync(IEnumerable<string> orderIds, string reason, string actor)
    {
        foreach (var id in orderIds)
        {
            await GrainFactory.GetGrain<IOrderGrain>(id).RestoreFromMergeAsync(new RestoreFromMerge(Id, reason, actor));
        }
    }

    /// <summary>
    /// An allocated order's units go back to reservations before its lines are taken out (a SKU grain moves only
    /// unallocated units): true when the order was allocated, so its append says it is unallocated again.
    /// </summary>
    private async Task<bool> UnallocateForUnmergeAsync(OrderStock stock)
    {
        if (State.Status != OrderStatus.Allocated || State.Warehouse is not { } warehouse)
        {
            return false;
        }

        await stock.UnallocateAsync(OrderStock.Needs(State.Lines).Keys, warehouse);
        return true;
    }

    /// <summary>
    /// The packed parcel holds <paramref name="lines"/> of a buyer who cancelled: it must not ship as it is. One hold names
    /// every such order (a second cancellation rewrites its detail to name both), for a person to take them out.
    /// </summary>
    private async Task HoldForCancelledLinesAsync(string orderId, IReadOnlyList<OrderLineView> lines, string reason, string actor)
    {
        var now = time.GetUtcNow();
        var items = Items(lines);
        var whose = orderId == Id ? "This order's own buyer" : $"The buyer of {orderId} (merged into this order)";
        var detail = $"{whose} cancelled ({reason}) after packing: take out {items} before it ships; the other lines still ship.";
        if (State.Holds.Find(h => h.Code == HoldCodes.MergedOrderCancelled) is { } open)
        {
            detail = $"{open.Detail} {detail}";
        }

        await journal.AppendAsync([new MergedLinesCancelled(orderId, lines, reason, now), new HoldOpened(HoldCodes.MergedOrderCancelled, detail, now)], actor);
    }

    /// <summary>The lines less one of each of <paramref name="removed"/> (a merge appended each order's lines as they were).</summary>
    private static List<OrderLineView> Without(IReadOnlyList<OrderLineView> lines, IReadOnlyList<OrderLineView> removed)
    {
        var left = new List<OrderLineView>(lines);
        foreach (var line in removed)
        {
            left.Remove(line);
        }

        return left;
    }
}
