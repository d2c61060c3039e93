using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>
/// News from the channel about an order merged into another. Its goods are in the target's shipment, so the target
/// decides first: a new receiver or address (one the shipment does not go to) takes the order out of the merge before
/// packing, so it ships on its own to the new address; once packed the target is held for a person naming the order;
/// once shipped it is only recorded. A partial refund holds the target until it has shipped. See docs/decisions.md.
/// </summary>
public sealed partial class OrderGrain
{
    private const string AddressChangedOnChannelReason = "address changed on the channel";

    public async Task<OrderView> HoldForMergedOrderAsync(HoldForMergedOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderGuards.EnsureExists(State, Id);
        var open = State.Holds.Find(h => h.Code == command.Code);
        if (!State.MergedFrom.Contains(command.OrderId)
            || State.Status is not (OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed)
            || open is not null && open.Detail.Contains(command.Detail, StringComparison.Ordinal))
        {
            return await ViewAsync();
        }

        var detail = open is null ? command.Detail : $"{open.Detail} {command.Detail}";
        await journal.AppendAsync(new HoldOpened(command.Code, detail, time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    /// <summary>
    /// Each grain's decision is one append, the target's first: a stop in between leaves this order as it was (its
    /// modification time not yet taken), so the channel's redelivery asks the target again, which answers the same.
    /// </summary>
    private async Task<OrderView> ApplyMergedChannelChangesAsync(ApplyChannelChanges command, RuleBook rules)
    {
        var now = time.GetUtcNow();
        var targetId = State.MergedInto!;
        var target = GrainFactory.GetGrain<IOrderGrain>(targetId);
        var events = new List<object>();
        var unmerged = false;
        if (NewerChannelAddress(command) is var (address, receiver, modified))
        {
            var oldReceiver = State.Receiver ?? State.Customer;
            if (OrderMerging.SameDestination(await target.GetAsync(), address, receiver))
            {
                // Moved where the shipment goes (the buyer moved the target first): still one address, one parcel.
                events.Add(new AddressChangedOnChannel(State.Address, address, oldReceiver, receiver, Applied: true, modified, now));
            }
            else
            {
                var after = await target.TakeOutMergedAsync(new TakeOutMerged(Id, [.. State.Lines], State.PaidAmount, AddressChangedOnChannelReason, command.Actor) { OnlyBeforePacking = true });
                unmerged = after.UnmergedFrom.Contains(Id);
                if (unmerged)
                {
                    // The target gave this order its stock back (its units transferred, still held): it ships on its own.
                    events.Add(new OrderUnmergedFrom(targetId, $"{targetId} {AddressChangedOnChannelReason}", now));
                    events.Add(new AddressChangedOnChannel(State.Address, address, oldReceiver, receiver, Applied: true, modified, now));
                    if (address != State.Address)
                    {
                        AddAddressChecks(events, address, rules, now);
                    }
                }
                else
                {
                    if (after.Status == OrderStatus.Packed)
                    {
                        var detail = $"The buyer of {Id} (merged into this order) changed the receiver or address on the channel after packing: take out {Items(State.Lines)} to ship to the new address; the other lines still ship.";
                        await target.HoldForMergedOrderAsync(new HoldForMergedOrder(Id, HoldCodes.AddressChangedOnChannel, detail, command.Actor));
                    }

                    events.Add(new AddressChangedOnChannel(State.Address, address, oldReceiver, receiver, Applied: false, modified, now));
                }
            }
        }
        else
        {
            AddNewerUpdateSeen(events, command, now);
        }

        if (command.PartiallyRefunded && !State.PartiallyRefundedOnChannel)
        {
            if (unmerged)
            {
                // An order of its own again, in this same append: held as any unshipped order refunded in part.
                events.Add(new PartiallyRefundedOnChannel(command.ModifiedAt, now));
                events.Add(new HoldOpened(HoldCodes.PartiallyRefundedOnChannel, PartiallyRefundedBeforeShipping, now));
            }
            else
            {
                var detail = $"The buyer of {Id} (merged into this order) was partially refunded on the channel: check which of its lines ({Items(State.Lines)}) still ship, then release this hold.";
                await target.HoldForMergedOrderAsync(new HoldForMergedOrder(Id, HoldCodes.PartiallyRefundedOnChannel, detail, command.Actor));
                events.Add(new PartiallyRefundedOnChannel(command.ModifiedAt, now));
            }
        }

        if (events.Count == 0)
        {
            return await ViewAsync();
        }

        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(rules);
    }
}
