using OrderActors.Grains.Customers;
using OrderActors.Runtime.Storage;

namespace OrderActors.Grains.Orders;

/// <summary>
/// The query index entries of an order: what lists (status, channel, shop, warehouse, phone, times), the exception
/// queue (<c>hold:{code}</c>) and reports (amounts, fulfilment time, SLA, returns) filter on.
/// </summary>
public static class OrderIndex
{
    public const string GrainType = "order";
    public const string Status = "status";
    public const string Channel = "channel";
    public const string Shop = "shop";
    public const string Warehouse = "warehouse";
    public const string Phone = "phone";
    public const string Amount = "amount";
    public const string PlacedAt = "placed_at";
    public const string PaidAt = "paid_at";
    public const string ShippedAt = "shipped_at";
    public const string DeliveredAt = "delivered_at";
    public const string CancelledAt = "cancelled_at";
    public const string ReturnedAt = "returned_at";
    public const string FulfilmentSeconds = "fulfilment_seconds";
    public const string HoldPrefix = "hold:";
    public const string RaisedPrefix = "raised:";
    public const string Held = "held";
    public const string Overdue = "overdue";
    public const string SlaLevel = "sla_level";
    public const string SlaBreaches = "sla_breaches";
    public const string RedAlert = "red_alert";
    public const string ReturnReason = "return_reason";
    public const string RefundAmount = "refund_amount";

    /// <summary>Units a return brought back damaged (not restocked), when any did: <c>GET /api/orders?damaged=true</c>.</summary>
    public const string ReturnedDamaged = "returned_damaged";
    public const string Parent = "parent";
    public const string MergedInto = "merged_into";

    /// <summary>The waybill number once shipped, so a carrier callback that only knows the waybill finds the order.</summary>
    public const string Waybill = "waybill";

    /// <summary>An open hold (the exception queue); the value is when it was opened.</summary>
    public static string Hold(string code) => HoldPrefix + code;

    /// <summary>A hold the order had at some point, open or released (reports); the value is when it was first opened.</summary>
    public static string Raised(string code) => RaisedPrefix + code;

    public static IReadOnlyList<IndexEntry> EntriesFor(OrderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            return [];
        }

        // Room for the six below and the usual two or three more (a paid order has 7): no regrowth from 4 to 8 on every
        // append. The journal keeps this list as the last index, so it is not made larger than that.
        var entries = new List<IndexEntry>(8)
        {
            new(Status, state.Status.ToString()),
            new(Channel, state.Channel),
            new(Shop, state.Shop),
            new(Phone, PhoneNumbers.TryNormalize(state.Customer.Phone, out var phone) ? phone : state.Customer.Phone),
            new(Amount, IndexValues.Number(Math.Max(0, state.TotalAmount))),
            new(PlacedAt, IndexValues.Time(state.PlacedAt)),
        };
        Add(entries, Warehouse, state.Warehouse);
        Add(entries, Waybill, state.WaybillNo);
        Add(entries, PaidAt, state.PaidAt);
        Add(entries, ShippedAt, state.ShippedAt);
        Add(entries, DeliveredAt, state.DeliveredAt);
        Add(entries, CancelledAt, state.CancelledAt);
        Add(entries, ReturnedAt, state.ReturnedAt);
        if (state is { PaidAt: { } paid, ShippedAt: { } shipped } && shipped >= paid)
        {
            entries.Add(new(FulfilmentSeconds, IndexValues.Number((decimal)(shipped - paid).TotalSeconds)));
        }

        // A hold left open on an order that is over (cancelled with its hold, say) needs nobody: the exceptions
        // list reads these entries, and it listed cancelled orders as work to do.
        var open = !state.Status.IsFinal();
        foreach (var hold in open ? state.Holds : [])
        {
            entries.Add(new(Hold(hold.Code), IndexValues.Time(hold.OpenedAt)));
        }

        foreach (var raised in state.RaisedHolds)
        {
            entries.Add(new(Raised(raised.Code), IndexValues.Time(raised.OpenedAt)));
        }

        if (open && state.Blocked)
        {
            entries.Add(new(Held, "1"));
        }

        if (state.SlaLevel > 0)
        {
            entries.Add(new(Overdue, "1"));
            entries.Add(new(SlaLevel, state.SlaLevel.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (state.SlaBreaches > 0)
        {
            entries.Add(new(SlaBreaches, IndexValues.Number(state.SlaBreaches)));
        }

        if (state.RedAlert)
        {
            entries.Add(new(RedAlert, "1"));
        }

        Add(entries, ReturnReason, state.ReturnReason);
        if (state.CreditNote is { } note)
        {
            entries.Add(new(RefundAmount, IndexValues.Number(Math.Max(0, note.Amount))));
        }

        if (state.ReturnedLines?.Sum(l => l.Damaged) is int damaged and > 0)
        {
            entries.Add(new(ReturnedDamaged, IndexValues.Number(damaged)));
        }

        Add(entries, Parent, state.ParentOrderId);
        Add(entries, MergedInto, state.MergedInto);
        return entries;
    }

    private static void Add(List<IndexEntry> entries, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entries.Add(new(name, value));
        }
    }

    private static void Add(List<IndexEntry> entries, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            entries.Add(new(name, IndexValues.Time(v)));
        }
    }
}
