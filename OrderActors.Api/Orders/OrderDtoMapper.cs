using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;

namespace OrderActors.Api.Orders;

/// <summary>Turns the grain's <see cref="OrderView"/> into what this caller may see: no amounts for warehouse, PII masked without PII access.</summary>
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
            Lines = view.Lines.Select(l => new OrderLineDto(l.Sku, l.Quantity, access.Amount(l.UnitPrice), access.Amount(l.Amount), l.Category)).ToList(),
            TotalAmount = access.Amount(view.TotalAmount),
            PaidAmount = access.Amount(view.PaidAmount),
            RefundAmount = view.CreditNote is { } note ? access.Amount(note.Amount) : null,
            PaymentMethod = view.PaymentMethod,
            BuyerNote = view.BuyerNote,
            Holds = view.Holds.Select(h => new HoldDto(h.Code, h.Detail, h.OpenedAt)).ToList(),
            Approval = new ApprovalDto(view.Approval.RequiredRoles, view.Approval.Granted.Select(g => g.Role).ToList(), view.Approval.Complete),
            Blocked = view.Blocked,
            Warehouse = view.Warehouse,
            Carrier = view.Carrier,
            WaybillNo = view.WaybillNo,
            Tracking = view.Tracking.Select(t => new TrackingEventDto(t.Status, t.Description, t.At)).ToList(),
            ParentOrderId = view.ParentOrderId,
            ChildOrderIds = view.ChildOrderIds,
            MergedFrom = view.MergedFrom,
            MergedInto = view.MergedInto,
            Sla = new SlaDto(view.Sla.Stage, view.Sla.DueAt, view.Sla.Overdue, view.Sla.Level, view.Sla.RedAlert, view.Sla.Breaches),
            ReturnReason = view.ReturnReason,
            CancelReason = view.CancelReason,
            PlacedAt = view.PlacedAt,
            PaymentDueAt = view.PaymentDueAt,
            PaidAt = view.PaidAt,
            ShippedAt = view.ShippedAt,
            DeliveredAt = view.DeliveredAt,
            CancelledAt = view.CancelledAt,
            UpdatedAt = view.UpdatedAt,
            Version = view.Version,
        };
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
            entry.Reason,
            entry.Changes.Select(c => MaskChange(c, access)).ToList());
    }

    private static FieldChangeDto MaskChange(FieldChange change, CallerAccess access)
    {
        var personal = change.Field.Contains("address", StringComparison.OrdinalIgnoreCase)
            || change.Field.Contains("phone", StringComparison.OrdinalIgnoreCase)
            || change.Field.Contains("name", StringComparison.OrdinalIgnoreCase)
            || change.Field.Contains("detail", StringComparison.OrdinalIgnoreCase);
        var amount = change.Field.Contains("amount", StringComparison.OrdinalIgnoreCase) || change.Field.Contains("price", StringComparison.OrdinalIgnoreCase);
        return (personal && !access.SeesPii) || (amount && !access.SeesAmounts)
            ? new FieldChangeDto(change.Field, Masking.Address(change.OldValue), Masking.Address(change.NewValue))
            : new FieldChangeDto(change.Field, change.OldValue, change.NewValue);
    }
}
