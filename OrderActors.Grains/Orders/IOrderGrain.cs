using OrderActors.Runtime;

namespace OrderActors.Grains.Orders;

/// <summary>
/// One order, keyed <c>{channel}-{externalOrderNo}</c> (see <see cref="OrderKeys.For"/>), so a repeated import or webhook
/// lands on the same grain. Every command either changes the order and returns the new view, returns the current view
/// unchanged when it repeats one that already took effect, or throws a <see cref="DomainException"/> and changes nothing
/// (the one exception: <see cref="TryPlaceAsync"/> returns a stock refusal as a value).
/// </summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Creates the order: validates, reserves stock (all or nothing), runs the exception checks. Placing the same order again returns it unchanged.</summary>
    Task<OrderView> PlaceAsync(PlaceOrder command);

    /// <summary>
    /// Like <see cref="PlaceAsync"/>, and says whether this call created the order (intake uses it to tell a new order
    /// from a redelivery atomically). An own-store checkout refused for stock is not thrown but returned as
    /// <see cref="PlaceOutcome.Refusal"/> (nothing written); <see cref="PlaceOutcome.OrderOrThrow"/> gives the exception back.
    /// </summary>
    Task<PlaceOutcome> TryPlaceAsync(PlaceOrder command);

    /// <summary>The order; <c>order.not_found</c> when it was never placed.</summary>
    Task<OrderView> GetAsync();

    /// <summary>The order, or null when it was never placed (no exception: intake asks this of every new order).</summary>
    Task<OrderView?> FindAsync();

    /// <summary>The audit trail / timeline: every event with actor, time, reason and changed fields, oldest first.</summary>
    Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync();

    /// <summary>PendingPayment → Paid; confirms the stock reservations. Repeating the same payment id is a no-op.</summary>
    Task<OrderView> ConfirmPaymentAsync(ConfirmPayment command);

    /// <summary>Cancels an order that is not packed yet and releases its stock.</summary>
    Task<OrderView> CancelAsync(CancelOrder command);

    /// <summary>Gives the next approval the order's amount requires (tiers by role, in order).</summary>
    Task<OrderView> ApproveAsync(ApproveOrder command);

    /// <summary>Releases an open hold (exception) by its code, with actor and reason.</summary>
    Task<OrderView> ReleaseHoldAsync(ReleaseHold command);

    /// <summary>
    /// A SKU's goods on hand now cover this paid order's presale units of it (the SKU's presale reminder calls this): when
    /// no other SKU of the order still waits, its <see cref="HoldCodes.AwaitingPresaleStock"/> hold is released and its
    /// allocation SLA starts. True when released; false (nothing changed) when the order is not waiting or another SKU
    /// still is. Never calls back the SKU that sent it.
    /// </summary>
    Task<bool> PresaleStockArrivedAsync(PresaleStockArrived command);

    /// <summary>Paid → Allocated: picks a warehouse by the allocation rules (or the one given). <c>order.split_required</c> when no warehouse can ship every line.</summary>
    Task<OrderView> AllocateAsync(AllocateOrder command);

    /// <summary>Splits a paid, unallocated order into child orders (<c>{id}-1</c>, <c>{id}-2</c>…), one per warehouse, each allocated.</summary>
    Task<OrderView> SplitAsync(SplitOrder command);

    /// <summary>Merges other open orders of the same customer, address and shop into this one.</summary>
    Task<OrderView> MergeAsync(MergeOrders command);

    /// <summary>Allocated → Packed.</summary>
    Task<OrderView> PackAsync(PackOrder command);

    /// <summary>Packed → Shipped with carrier and waybill number.</summary>
    Task<OrderView> ShipAsync(ShipOrder command);

    /// <summary>Adds a carrier tracking event to a shipped order (carrier callbacks).</summary>
    Task<OrderView> AddTrackingEventAsync(AddTrackingEvent command);

    /// <summary>Shipped → Delivered.</summary>
    Task<OrderView> DeliverAsync(DeliverOrder command);

    /// <summary>Delivered → Completed.</summary>
    Task<OrderView> CompleteAsync(CompleteOrder command);

    /// <summary>A refund request: before shipping it intercepts the order (cancel and release); after shipping it opens a return.</summary>
    Task<OrderView> RequestReturnAsync(RequestReturn command);

    /// <summary>The warehouse received the return: restocks, records a credit note, ReturnRequested → Returned → Refunded.</summary>
    Task<OrderView> ReceiveReturnAsync(ReceiveReturn command);

    /// <summary>Changes the shipping address before packing; the history records old and new values.</summary>
    Task<OrderView> ChangeAddressAsync(ChangeAddress command);

    /// <summary>
    /// A channel's news about this order: a receiver or address newer (by the channel's modification time) than the last
    /// one taken is applied, with a hold once allocated and only recorded once shipped; a partial refund holds an order
    /// not yet shipped. A repeat or a stale update returns the order unchanged.
    /// </summary>
    Task<OrderView> ApplyChannelChangesAsync(ApplyChannelChanges command);

    /// <summary>Grain-to-grain: creates this order as one part of a split of <see cref="CreateSplitPart.ParentOrderId"/>.</summary>
    Task<OrderView> CreateSplitPartAsync(CreateSplitPart command);

    /// <summary>
    /// Ledger repair: when this order was never stored, releases what <see cref="ReleaseUnstoredStock.Skus"/> still hold
    /// for it (a crash between a paid order's stock confirmation and its append, not delivered again). Returns the SKUs
    /// released; none when the order exists.
    /// </summary>
    Task<IReadOnlyList<string>> ReleaseUnstoredStockAsync(ReleaseUnstoredStock command);

    /// <summary>
    /// Grain-to-grain: when this order was never stored, takes its recording back from the customer (a placement that
    /// failed or was cut off after the customer had recorded it). True when it was not stored (the customer forgot it);
    /// false when the order exists.
    /// </summary>
    Task<bool> ForgetUnstoredAtCustomerAsync(ForgetUnstoredAtCustomer command);

    /// <summary>Grain-to-grain: checks this order can be merged into another and, if so, marks it merged and hands over its lines.</summary>
    Task<OrderView> MergeIntoAsync(MergeInto command);

    /// <summary>
    /// The buyer cancelled (or was refunded in full on) the channel an order that is part of a merge, merged into another
    /// or the target of others: only this order's lines leave the shipment. Before packing they are taken out (its stock
    /// released, its payment off the target's); packed, the shipment is held for a person; shipped, a return of its
    /// lines opens. A repeat changes nothing. See docs/decisions.md.
    /// </summary>
    Task<OrderView> CancelMergedAsync(CancelMerged command);

    /// <summary>Grain-to-grain: the merge target takes a cancelled merged-in order's lines out (or holds itself when packed).</summary>
    Task<OrderView> TakeOutMergedAsync(TakeOutMerged command);

    /// <summary>Grain-to-grain: the cancelled merge target gave this merged-in order its lines and stock back; it is paid and unallocated again.</summary>
    Task<OrderView> RestoreFromMergeAsync(RestoreFromMerge command);

    /// <summary>Grain-to-grain: a merged-in order's news from the channel holds this merge target for a person (see <see cref="HoldForMergedOrder"/>).</summary>
    Task<OrderView> HoldForMergedOrderAsync(HoldForMergedOrder command);
}
