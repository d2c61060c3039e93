using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Orders;

/// <summary>
/// Turns the grain's <see cref="OrderView"/> and history into what this caller may see: no amounts for warehouse, PII
/// masked without PII access. Texts follow the same rule as fields: a hold detail or history reason that reveals what
/// the caller may not see (<see cref="SensitiveData"/>, declared where the text is made) is replaced by a neutral one.
/// </summary>
public static class OrderDtoMapper
{
    public static OrderDto ToDto(this OrderView view, CallerAccess access)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(access);
        return new OrderDto
        {
            Id = view.Id,
            Channel = view.Channel,
            ExternalOrderNo = view.ExternalOrderNo,
            Shop = view.Shop,
            Status = view.Status.ToString(),
            Customer = new CustomerDto(access.Name(view.Customer.Name), access.Phone(view.Customer.Phone)),
            Address = new AddressDto(view.Address.Province, view.Address.City, view.Address.District, access.Address(view.Address.Detail)),
            Receiver = view.Receiver is { } receiver ? new CustomerDto(access.Name(receiver.Name), access.Phone(receiver.Phone)) : null,
            Lines = Lines(view.Lines, access),
            TotalAmount = access.Amount(view.TotalAmount),
            PaidAmount = access.Amount(view.PaidAmount),
            RefundAmount = view.CreditNote is { } note ? access.Amount(note.Amount) : null,
            ReturnedLines = view.ReturnedLines is { } returned ? Map(returned, 0, static (r, _) => new ReturnedLineDto(r.Sku, r.Quantity, r.Damaged)) : null,
            PaymentMethod = view.PaymentMethod,
            Presale = view.Presale,
            BuyerNote = access.FreeText(view.BuyerNote),
            Promotions = view.Promotions,
            Tags = view.Tags,
            Holds = Holds(view.Holds, access),
            Approval = new ApprovalDto(view.Approval.RequiredRoles, GrantedRoles(view.Approval.Granted), view.Approval.Complete),
            Blocked = view.Blocked,
            Warehouse = view.Warehouse,
            Carrier = view.Carrier,
            WaybillNo = view.WaybillNo,
            Tracking = Tracking(view.Tracking, access),
            ParentOrderId = view.ParentOrderId,
            ChildOrderIds = view.ChildOrderIds,
            MergedFrom = view.MergedFrom,
            MergedInto = view.MergedInto,
            UnmergedFrom = view.UnmergedFrom,
            Sla = new SlaDto(view.Sla.Stage, view.Sla.DueAt, view.Sla.Overdue, view.Sla.Level, view.Sla.RedAlert, view.Sla.Breaches),
            ReturnReason = view.ReturnReason,
            CancelReason = view.CancelReason,
            PlacedAt = view.PlacedAt,
            PaymentDueAt = view.PaymentDueAt,
            PaidAt = view.PaidAt?.ToUniversalTime(),
            ShippedAt = view.ShippedAt,
            DeliveredAt = view.DeliveredAt,
            CancelledAt = view.CancelledAt,
            UpdatedAt = view.UpdatedAt,
            Version = view.Version,
        };
    }

    // Every order answer maps these lists, and most are empty: a plain loop (no LINQ iterator; the mappings are static
    // lambdas, so no closure either), and an empty list is the shared empty array (serialised the same: []).
    private static IReadOnlyList<OrderLineDto> Lines(IReadOnlyList<OrderLineView> lines, CallerAccess access) =>
        Map(lines, access, static (l, a) => new OrderLineDto(l.Sku, l.Quantity, a.Amount(l.UnitPrice), a.Amount(l.Amount), l.Category));

    private static IReadOnlyList<HoldDto> Holds(IReadOnlyList<HoldView> holds, CallerAccess access) =>
        Map(holds, access, static (h, a) => new HoldDto(h.Code, a.MaySee(HoldDetails.RevealsOf(h.Code)) ? h.Detail : HoldDetails.NeutralDetail(h.Code), h.OpenedAt));

    private static IReadOnlyList<string> GrantedRoles(IReadOnlyList<ApprovalGrant> granted) =>
        Map(granted, 0, static (g, _) => g.Role);

    private static IReadOnlyList<TrackingEventDto> Tracking(IReadOnlyList<TrackingEventView> tracking, CallerAccess access) =>
        Map(tracking, access, static (t, a) => new TrackingEventDto(t.Status, a.FreeText(t.Description), t.At.ToUniversalTime(), t.CarrierAt?.ToUniversalTime()));

    private static IReadOnlyList<TOut> Map<TIn, TState, TOut>(IReadOnlyList<TIn> items, TState state, Func<TIn, TState, TOut> map)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var mapped = new TOut[items.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            mapped[i] = map(items[i], state);
        }

        return mapped;
    }

    public static OrderHistoryDto ToDto(this OrderHistoryEntry entry, CallerAccess access)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(access);
        return new OrderHistoryDto(
            entry.Version,
            entry.Type,
            entry.Actor,
            entry.At,
            entry.FromStatus?.ToString(),
            entry.ToStatus?.ToString(),
            access.MaySee(entry.ReasonReveals) ? access.FreeText(entry.Reason) : entry.NeutralReason,
            entry.Changes.Select(c => MaskChange(c, access)).ToList());
    }

    private static FieldChangeDto MaskChange(FieldChange change, CallerAccess access) =>
        access.MaySee(OrderHistory.FieldReveals(change.Field))
            ? new FieldChangeDto(change.Field, change.OldValue, change.NewValue)
            : new FieldChangeDto(change.Field, Masking.Address(change.OldValue), Masking.Address(change.NewValue));
}
