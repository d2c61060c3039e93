using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>
/// News from the channel about an order it already sent: the buyer changed the receiver or address, or was refunded in
/// part. What it does depends on how far the goods have gone; everything it decides is one append.
/// </summary>
public sealed partial class OrderGrain
{
    public const string AddressChangedAfterAllocation = "address changed on the channel after allocation: relabel the parcel, then release this hold";

    public const string PartiallyRefundedBeforeShipping = "partially refunded on the channel: check which lines still ship, then release this hold";

    public async Task<OrderView> ApplyChannelChangesAsync(ApplyChannelChanges command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        if (command.Address is not null)
        {
            OrderValidation.Validate(command.Address);
        }

        if (command.Receiver is not null)
        {
            OrderValidation.Required(command.Receiver.Name, "customer.name", 100);
            OrderValidation.Required(command.Receiver.Phone, "customer.phone", 40);
        }

        OrderGuards.EnsureExists(State, Id);
        var rules = await RulesAsync();
        if (State.Status == OrderStatus.Merged)
        {
            return await ApplyMergedChannelChangesAsync(command, rules);
        }

        var now = time.GetUtcNow();
        var events = new List<object>();

        // A merge target moved elsewhere: the orders merged into it keep the address their buyers gave (OrderGrain.MergeTargetMoves.cs).
        var unmerged = NewerChannelAddress(command) is var (address, receiver, _)
            ? await UnmergeForNewDestinationAsync(address, receiver, AddressChangedOnChannelReason, command.Actor, now)
            : null;
        if (unmerged is not null)
        {
            events.Add(unmerged);
        }

        AddChannelAddressChange(events, command, rules, now, unallocated: unmerged?.Unallocated == true);
        await AddMergedGoodsToHoldAsync(events, now);
        AddPartialRefund(events, command, now);
        if (events.Count == 0)
        {
            return await ViewAsync();
        }

        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// Only an update newer than the last one taken (or than the placing payload) changes anything, so a stale or
    /// redelivered one never undoes a newer one. Before allocation the order simply ships to the new address; once
    /// allocated or packed a label may be printed, so it also goes on hold until a person has the parcel relabelled; once
    /// shipped the change is only recorded. (An order merged into another: OrderGrain.MergedChannelChanges.cs.)
    /// </summary>
    private void AddChannelAddressChange(List<object> events, ApplyChannelChanges command, RuleBook rules, DateTimeOffset now, bool unallocated = false)
    {
        if (NewerChannelAddress(command) is not var (address, newReceiver, modified))
        {
            AddNewerUpdateSeen(events, command, now);
            return;
        }

        var oldReceiver = State.Receiver ?? State.Customer;
        var applied = State.Status is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed or OrderStatus.Split;
        events.Add(new AddressChangedOnChannel(State.Address, address, oldReceiver, newReceiver, applied, modified, now));

        // A split order ships nothing itself: its parts take the change (the intake hands it to each).
        if (!applied || State.Status == OrderStatus.Split)
        {
            return;
        }

        if (address != State.Address)
        {
            AddAddressChecks(events, address, rules, now);
        }

        // (An allocated merge target that gave its merged-in orders back in this append is unallocated: allocated anew.)
        if (State.Status is OrderStatus.Allocated or OrderStatus.Packed && !unallocated && !State.HasHold(HoldCodes.AddressChangedOnChannel))
        {
            events.Add(new HoldOpened(HoldCodes.AddressChangedOnChannel, AddressChangedAfterAllocation, now));
        }
    }

    /// <summary>
    /// Whether an order in <paramref name="status"/> keeps the time of a newer update that changes nothing (see
    /// <see cref="ChannelUpdateSeen"/>): while a later address can still change what ships; a shipped or cancelled order's
    /// address changes nothing, so it is spared the write.
    /// </summary>
    public static bool KeepsNewerChannelTime(OrderStatus status) =>
        status is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed or OrderStatus.Split or OrderStatus.Merged;

    /// <summary>
    /// An update newer than the last one taken that says the receiver and address the order has (the buyer changed them
    /// and back): its time is kept, or the change in between, arriving after it, would be taken as the newer one. A
    /// redelivery (the same time) writes nothing.
    /// </summary>
    private void AddNewerUpdateSeen(List<object> events, ApplyChannelChanges command, DateTimeOffset now)
    {
        if (command is { ModifiedAt: { } modified, Address: not null, Receiver: not null }
            && (State.ChannelModifiedAt is not { } last || modified > last)
            && KeepsNewerChannelTime(State.Status))
        {
            events.Add(new ChannelUpdateSeen(modified, now));
        }
    }

    /// <summary>The receiver and address of an update newer than the last one taken, when they differ from the order's; else null.</summary>
    private (ShippingAddress Address, CustomerContact Receiver, DateTimeOffset ModifiedAt)? NewerChannelAddress(ApplyChannelChanges command)
    {
        if (command is not { ModifiedAt: { } modified, Address: { } given, Receiver: { } receiver }
            || State.ChannelModifiedAt is { } last && modified <= last
            || State.Status == OrderStatus.Cancelled)
        {
            return null;
        }

        var address = Normalize(given);
        var newReceiver = new CustomerContact(receiver.Name.Trim(), receiver.Phone.Trim());
        return address == State.Address && newReceiver == (State.Receiver ?? State.Customer) ? null : (address, newReceiver, modified);
    }

    /// <summary>
    /// The first word of a partial refund holds an order that has not shipped (a person decides which lines still go);
    /// after shipping, or on a split order, it is only recorded (a merged one holds its target). Later words of it change nothing.
    /// </summary>
    private void AddPartialRefund(List<object> events, ApplyChannelChanges command, DateTimeOffset now)
    {
        if (!command.PartiallyRefunded || State.PartiallyRefundedOnChannel || State.Status == OrderStatus.Cancelled)
        {
            return;
        }

        events.Add(new PartiallyRefundedOnChannel(command.ModifiedAt, now));
        if (State.Status is OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed
            && !State.HasHold(HoldCodes.PartiallyRefundedOnChannel))
        {
            events.Add(new HoldOpened(HoldCodes.PartiallyRefundedOnChannel, PartiallyRefundedBeforeShipping, now));
        }
    }

    /// <summary>The checks on a new address: holds it calls for are opened, an address-incomplete hold it cures is released.</summary>
    private void AddAddressChecks(List<object> events, ShippingAddress address, RuleBook rules, DateTimeOffset now)
    {
        var findings = ExceptionChecker.CheckAddress(address, State.Channel, rules.Exceptions);
        events.AddRange(findings.Where(f => !State.HasHold(f.Code)).Select(f => new HoldOpened(f.Code, f.Detail, now)));
        if (State.HasHold(HoldCodes.AddressIncomplete) && !findings.Any(f => f.Code == HoldCodes.AddressIncomplete))
        {
            events.Add(new HoldReleased(HoldCodes.AddressIncomplete, "address corrected", now));
        }
    }
}
