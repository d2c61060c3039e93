using OrderActors.Grains.Orders.Events;

namespace OrderActors.Grains.Orders;

/// <summary>
/// A merge target's own receiver or address changes (a person's edit, or the buyer's update on the channel). The orders
/// merged into it were placed to the old one, and a merge only ever joins orders to one address: before packing they
/// leave the merge and keep their own address (as a merged-in order's own change takes it out); once packed the target's
/// hold names their lines for a person; once shipped the change is only recorded. See docs/decisions.md.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// Before packing, the merged-in orders that do not already go to the new receiver and address get their lines'
    /// units back (the un-merge of a cancelled target, without the cancellation) and are told they are orders of their
    /// own again, before this order's append, as a merge tells them before its own: a stop in between leaves this order's
    /// change untaken, so the retry (or the channel's redelivery, still news) does it again, each step a no-op the second
    /// time. Returns the event that goes first in this order's append, or null when no order leaves.
    /// </summary>
    private async Task<OrdersUnmerged?> UnmergeForNewDestinationAsync(ShippingAddress address, CustomerContact receiver, string reason, string actor, DateTimeOffset now)
    {
        if (State.MergedFrom.Count == 0 || State.Status is not (OrderStatus.Paid or OrderStatus.Allocated))
        {
            return null;
        }

        var leaving = (await MergedOrdersAsync()).Where(o => !OrderMerging.SameDestination(o, address, receiver)).ToList();
        if (leaving.Count == 0)
        {
            return null;
        }

        var unmerged = await GiveBackMergedAsync(leaving, reason, actor, now);
        await RestoreMergedAsync(unmerged.OrderIds, reason, actor);
        return unmerged;
    }

    /// <summary>
    /// A packed merge target whose buyer moved it on the channel: the address-change hold (opened by this update, or
    /// already open) also names the merged-in orders' lines, which their buyers ordered to the old receiver and address.
    /// </summary>
    private async Task AddMergedGoodsToHoldAsync(List<object> events, DateTimeOffset now)
    {
        if (State.Status != OrderStatus.Packed || State.MergedFrom.Count == 0 || !events.Exists(e => e is AddressChangedOnChannel { Applied: true }))
        {
            return;
        }

        var goods = string.Join("; ", (await MergedOrdersAsync()).Select(o => $"{o.Id} ({Items(o.Lines)})"));
        var merged = $"The parcel also holds the lines of orders merged into this one, which their buyers ordered to the old receiver and address: {goods}. Take them out to ship on their own, or confirm the new address with the buyer.";
        var opened = events.FindIndex(e => e is HoldOpened { Code: HoldCodes.AddressChangedOnChannel });
        var before = opened >= 0 ? ((HoldOpened)events[opened]).Detail : State.Holds.Find(h => h.Code == HoldCodes.AddressChangedOnChannel)?.Detail;
        var hold = new HoldOpened(HoldCodes.AddressChangedOnChannel, before is null ? merged : $"{before} {merged}", now);
        if (opened >= 0)
        {
            events[opened] = hold;
        }
        else
        {
            events.Add(hold);
        }
    }

    /// <summary>The orders merged into this one, as they are now (their lines and payments, which this order's state sums).</summary>
    private async Task<List<OrderView>> MergedOrdersAsync()
    {
        var merged = new List<OrderView>(State.MergedFrom.Count);
        foreach (var id in State.MergedFrom)
        {
            merged.Add(await GrainFactory.GetGrain<IOrderGrain>(id).GetAsync());
        }

        return merged;
    }

    /// <summary>
    /// Gives <paramref name="leaving"/> their lines' units back (an allocation goes back to reservations first: a SKU grain
    /// transfers only unallocated units; a transfer repeats as a no-op) and returns the event this order appends for it:
    /// the lines and payment it keeps, and whether it is unallocated again.
    /// </summary>
    private async Task<OrdersUnmerged> GiveBackMergedAsync(IReadOnlyList<OrderView> leaving, string reason, string actor, DateTimeOffset now)
    {
        var stock = Stock(actor);
        var unallocate = await UnallocateForUnmergeAsync(stock);
        foreach (var other in leaving)
        {
            await stock.TransferAsync(OrderStock.Needs(other.Lines), Id, other.Id);
        }

        var kept = leaving.Aggregate((IReadOnlyList<OrderLineView>)State.Lines, (lines, other) => Without(lines, other.Lines));
        return new OrdersUnmerged([.. leaving.Select(o => o.Id)], kept, State.PaidAmount - leaving.Sum(o => o.PaidAmount), unallocate, reason, now);
    }
}
