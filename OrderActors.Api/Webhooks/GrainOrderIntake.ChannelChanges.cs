using OrderActors.Api.Channels;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Webhooks;

/// <summary>
/// A known order's receiver, address and partial refund as the channel now says. The order's view decides whether
/// there is news at all, so a redelivery or a status-only update costs no grain call beyond the intake's look-up; the
/// grain decides again in its own turn (a concurrent delivery may have got there first).
/// </summary>
public sealed partial class GrainOrderIntake
{
    /// <summary>True when anything changed. A split order takes the news itself and hands it to each of its parts.</summary>
    private async Task<bool> ApplyChannelChangesAsync(IOrderGrain grain, OrderView order, MappedOrder mapped, string actor)
    {
        if (ChangesOf(mapped, actor) is not { } changes)
        {
            return false;
        }

        if (order.Status == OrderStatus.Split)
        {
            return await ApplyToSplitAsync(grain, order, changes);
        }

        if (!IsNews(order, changes))
        {
            return false;
        }

        return Took(order, await grain.ApplyChannelChangesAsync(changes));
    }

    /// <summary>
    /// The parts take what the parent took: an address not older than the parent's last (a redelivery reaches a part a
    /// crash kept it from; each part drops what it has), and a partial refund the parent had not heard of before.
    /// </summary>
    private async Task<bool> ApplyToSplitAsync(IOrderGrain parent, OrderView order, ApplyChannelChanges changes)
    {
        var after = await parent.ApplyChannelChangesAsync(changes);
        var changed = Took(order, after);
        var stale = changes.ModifiedAt is { } at && after.ChannelModifiedAt is { } last && at < last;
        var forParts = changes with
        {
            Address = stale ? null : changes.Address,
            Receiver = stale ? null : changes.Receiver,
            PartiallyRefunded = changes.PartiallyRefunded && !order.PartiallyRefundedOnChannel,
        };
        if (forParts is { Address: null, PartiallyRefunded: false })
        {
            return changed;
        }

        foreach (var partId in after.ChildOrderIds)
        {
            var part = grains.GetGrain<IOrderGrain>(partId);
            var view = await part.GetAsync();
            if (IsNews(view, forParts))
            {
                changed |= Took(view, await part.ApplyChannelChangesAsync(forParts));
            }
        }

        return changed;
    }

    /// <summary>
    /// What the update says beyond payment and cancellation, or null for nothing. Without a modification time (a mapping
    /// that does not read one) the address is not taken: such updates cannot be ordered, and a stale one would undo a
    /// newer address. Nor is an update without any address part (a status-only payload), which would blank it.
    /// </summary>
    private static ApplyChannelChanges? ChangesOf(MappedOrder mapped, string actor)
    {
        var hasAddress = mapped.ModifiedAt is not null
            && !(string.IsNullOrEmpty(mapped.Province) && string.IsNullOrEmpty(mapped.City) && string.IsNullOrEmpty(mapped.District) && string.IsNullOrEmpty(mapped.AddressDetail));
        if (!hasAddress && !mapped.PartiallyRefunded)
        {
            return null;
        }

        return new ApplyChannelChanges(
            mapped.ModifiedAt,
            hasAddress ? new CustomerContact(mapped.CustomerName ?? string.Empty, mapped.Phone) : null,
            hasAddress ? AddressOf(mapped) : null,
            mapped.PartiallyRefunded,
            actor);
    }

    private static ApplyChannelChanges PartialRefundOf(MappedOrder mapped, string actor) => new(mapped.ModifiedAt, null, null, PartiallyRefunded: true, actor);

    /// <summary>Whether the grain would change anything: the same comparisons it makes, on the view the intake has.</summary>
    private static bool IsNews(OrderView order, ApplyChannelChanges changes)
    {
        if (order.Status == OrderStatus.Cancelled)
        {
            return false;
        }

        if (changes.PartiallyRefunded && !order.PartiallyRefundedOnChannel)
        {
            return true;
        }

        // A newer update with the same receiver and address is news too while the order keeps its time (A→B→A arriving
        // as A then B: the B must be seen as older); a redelivery is not.
        return changes is { ModifiedAt: { } at, Address: { } address, Receiver: { } receiver }
            && (order.ChannelModifiedAt is not { } last || at > last)
            && (address != order.Address || receiver != (order.Receiver ?? order.Customer) || OrderGrain.KeepsNewerChannelTime(order.Status));
    }

    /// <summary>
    /// Whether the grain took the news: by what only it changes, not by the version, which the order's own reminders
    /// (an SLA breach) may have moved since the view was read.
    /// </summary>
    private static bool Took(OrderView before, OrderView after) =>
        after.ChannelModifiedAt != before.ChannelModifiedAt || after.PartiallyRefundedOnChannel != before.PartiallyRefundedOnChannel;

    private static ShippingAddress AddressOf(MappedOrder order) =>
        new(order.Province ?? string.Empty, order.City ?? string.Empty, order.District ?? string.Empty, order.AddressDetail ?? string.Empty);
}
