using OrderActors.Grains.Rules;
using OrderActors.Grains.Sla;

namespace OrderActors.Grains.Orders;

/// <summary>Maps the state to what callers see.</summary>
public static class OrderViews
{
    public static OrderView ToView(this OrderState state, string id, long version, SlaRules sla)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new OrderView
        {
            Id = id,
            Channel = state.Channel,
            ExternalOrderNo = state.ExternalOrderNo,
            Shop = state.Shop,
            Status = state.Status,
            Customer = state.Customer,
            Address = state.Address,
            Receiver = state.Receiver,
            ChannelModifiedAt = state.ChannelModifiedAt,
            PartiallyRefundedOnChannel = state.PartiallyRefundedOnChannel,
            Lines = Copy(state.Lines),
            TotalAmount = state.TotalAmount,
            PaidAmount = state.PaidAmount,
            PaymentId = state.PaymentId,
            PaymentMethod = state.PaymentMethod,
            Presale = state.Presale,
            BuyerNote = state.BuyerNote,
            Promotions = Copy(state.Promotions),
            Tags = Copy(state.Tags),
            Holds = Copy(state.Holds),
            Approval = new ApprovalView(Copy(state.RequiredApprovals), Copy(state.Approvals)),
            Warehouse = state.Warehouse,
            Carrier = state.Carrier,
            WaybillNo = state.WaybillNo,
            Tracking = ByScanTime(state.Tracking),
            ParentOrderId = state.ParentOrderId,
            ChildOrderIds = Copy(state.ChildOrderIds),
            MergedFrom = Copy(state.MergedFrom),
            MergedInto = state.MergedInto,
            UnmergedFrom = Copy(state.UnmergedFrom),
            Sla = OrderSla.ViewOf(state, sla),
            ReturnReason = state.ReturnReason,
            CreditNote = state.CreditNote,
            ReturnedLines = state.ReturnedLines is null ? null : Copy(state.ReturnedLines),
            CancelReason = state.CancelReason,
            PlacedAt = state.PlacedAt,
            PaymentDueAt = state.PaymentDueAt,
            PaidAt = state.PaidAt,
            AllocatedAt = state.AllocatedAt,
            PackedAt = state.PackedAt,
            ShippedAt = state.ShippedAt,
            DeliveredAt = state.DeliveredAt,
            CompletedAt = state.CompletedAt,
            CancelledAt = state.CancelledAt,
            UpdatedAt = state.UpdatedAt,
            RulesVersion = state.RulesVersion,
            Version = version,
        };
    }

    // A view is built for nearly every call on an order and most of its lists are empty: an empty one is the shared empty
    // array, not a fresh copy of nothing (serialised the same: []).
    private static IReadOnlyList<T> Copy<T>(List<T> list) => list.Count == 0 ? [] : [.. list];

    /// <summary>
    /// The carrier's scans in the order they happened, not the order they arrived: carriers push late and out of order
    /// (a delivery scan before the pick-up scan it follows). Stable, so scans of the same time keep their arrival order.
    /// </summary>
    private static IReadOnlyList<TrackingEventView> ByScanTime(List<TrackingEventView> tracking) =>
        tracking.Count == 0 ? [] : [.. tracking.OrderBy(t => t.At)];
}
