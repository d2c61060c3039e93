using OrderActors.Api.Channels;
using OrderActors.Grains.Orders;
using OrderActors.Runtime;

namespace OrderActors.Api.Webhooks;

/// <summary>
/// Channel orders into order grains. A new order is placed (a marketplace order arrives sold: short stock becomes a hold,
/// not a refusal — the grain decides). A known order only takes news the grain does not have yet, i.e. payment of an
/// order still waiting for it, a cancellation on the channel (see <see cref="CancelOnChannelAsync"/>), or a newer receiver or
/// address and a partial refund (see <see cref="ApplyChannelChangesAsync"/>); any other repeat or stale update changes nothing.
/// </summary>
public sealed partial class GrainOrderIntake(IGrainFactory grains) : IOrderIntake
{
    private const string CancelledOnChannel = "cancelled on the channel";
    private const string RefundedOnChannel = "refunded on the channel";

    public async Task<IntakeResult> AcceptAsync(MappedOrder order, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var id = OrderKeys.For(order.Channel, order.ExternalOrderNo);
        var grain = grains.GetGrain<IOrderGrain>(id);
        var existing = await grain.FindAsync();
        if (existing is null)
        {
            // Two deliveries of a new order may both get here; the grain's turn decides which one created it.
            // A refusal (an own-store order the stock cannot cover) stays the 409 it always was: thrown here, at the edge.
            var outcome = await grain.TryPlaceAsync(ToCommand(order, actor));
            var view = outcome.OrderOrThrow();
            if (outcome.Created)
            {
                var placed = order.Cancelled || order.Refunded ? await grain.CancelAsync(new CancelOrder(order.Cancelled ? CancelledOnChannel : RefundedOnChannel, actor))
                    : order.PartiallyRefunded ? await grain.ApplyChannelChangesAsync(PartialRefundOf(order, actor))
                    : view;
                return new IntakeResult(placed.Id, Changed: true);
            }

            existing = view;
        }

        if (order.Cancelled)
        {
            return new IntakeResult(existing.Id, Changed: await CancelOnChannelAsync(grain, existing, actor, CancelledOnChannel, returnWhenShipped: true));
        }

        // A refund without a cancellation stops what has not shipped; once shipped the money is the channel's business,
        // and goods that come back are received as a return at the warehouse (a goodwill refund brings none back).
        if (order.Refunded)
        {
            return new IntakeResult(existing.Id, Changed: await CancelOnChannelAsync(grain, existing, actor, RefundedOnChannel, returnWhenShipped: false));
        }

        // An order cancelled here because its payment hold ran out is opened again: the marketplace took the buyer's money.
        if (order.Paid && (existing.Status == OrderStatus.PendingPayment || existing is { Status: OrderStatus.Cancelled, CancelReason: OrderGrain.HoldExpiredReason }))
        {
            var paid = await grain.ConfirmPaymentAsync(new ConfirmPayment(PaymentId(order), order.PaidAmount ?? existing.TotalAmount, actor, ReopenIfHoldExpired: true));
            var updated = await ApplyChannelChangesAsync(grain, paid, order, actor);
            return new IntakeResult(paid.Id, Changed: paid.Version != existing.Version || updated);
        }

        return new IntakeResult(existing.Id, Changed: await ApplyChannelChangesAsync(grain, existing, order, actor));
    }

    /// <summary>
    /// The buyer's cancellation (or refund) on the channel reaches the goods wherever they are: an order not yet packed is
    /// cancelled; a packed one is intercepted (cancelled, its stock released, as a refund request before shipping is);
    /// one already shipped opens a return when <paramref name="returnWhenShipped"/>; a split order does this for each of
    /// its parts. A 409 here went back to the marketplace, which retries it, while the order went on to be shipped. An
    /// order that is part of a merge has only its own lines taken out (<see cref="CancelMergedOnChannelAsync"/>).
    /// True when anything changed.
    /// </summary>
    private async Task<bool> CancelOnChannelAsync(IOrderGrain grain, OrderView order, string actor, string reason, bool returnWhenShipped)
    {
        if (order.Status == OrderStatus.Merged || order.MergedFrom.Count > 0 || order is { Status: OrderStatus.Cancelled, UnmergedFrom.Count: > 0 })
        {
            return await CancelMergedOnChannelAsync(grain, order, actor, reason, returnWhenShipped);
        }

        switch (order.Status)
        {
            case OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated:
                await grain.CancelAsync(new CancelOrder(reason, actor));
                return true;
            case OrderStatus.Packed:
            case OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed when returnWhenShipped:
                var after = await grain.RequestReturnAsync(new RequestReturn(reason, actor));
                return after.Version != order.Version;
            case OrderStatus.Split:
                var changed = false;
                foreach (var partId in order.ChildOrderIds)
                {
                    var part = grains.GetGrain<IOrderGrain>(partId);
                    changed |= await CancelOnChannelAsync(part, await part.GetAsync(), actor, reason, returnWhenShipped);
                }

                return changed;
            default:
                return false;
        }
    }

    /// <summary>
    /// A cancellation (or full refund) of an order merged into another, or of the target others were merged into: the
    /// grain takes out this order's lines only, so the other buyers' lines still ship (see docs/decisions.md). A merge
    /// target cancelled before its merged-in orders were given back is asked again, and finishes that. True when this
    /// order changed (a merged-in order records what its target did).
    /// </summary>
    private static async Task<bool> CancelMergedOnChannelAsync(IOrderGrain grain, OrderView order, string actor, string reason, bool returnWhenShipped)
    {
        var after = await grain.CancelMergedAsync(new CancelMerged(reason, actor, returnWhenShipped));
        return after.Version != order.Version;
    }

    private static PlaceOrder ToCommand(MappedOrder order, string actor) => new()
    {
        Channel = order.Channel,
        ExternalOrderNo = order.ExternalOrderNo,
        Customer = new CustomerContact(order.CustomerName ?? string.Empty, order.Phone),
        Address = AddressOf(order),
        Lines = order.Lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity, l.UnitPrice ?? 0m)).ToList(),
        BuyerNote = order.BuyerNote,
        Paid = order.Paid,
        PaidAmount = order.Paid ? order.PaidAmount : null,
        PaidAt = order.Paid ? order.PaidAt : null,
        PaymentId = order.Paid ? PaymentId(order) : null,
        ChannelModifiedAt = order.ModifiedAt,
        Presale = order.Presale,
        Promotions = order.Promotions,
        Tags = order.Tags,
        Actor = actor,
    };

    private static string PaymentId(MappedOrder order) => $"{order.Channel}-{order.ExternalOrderNo}";
}
