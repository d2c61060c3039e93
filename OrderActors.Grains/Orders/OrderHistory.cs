using System.Globalization;
using OrderActors.Grains.Orders.Events;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders;

/// <summary>Turns journal entries into the order's timeline, replaying them to know each step's status before and after.</summary>
public static class OrderHistory
{
    public static IReadOnlyList<OrderHistoryEntry> Build(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var replay = new OrderState();
        var history = new List<OrderHistoryEntry>();
        foreach (var entry in entries)
        {
            var from = replay.Status;
            replay.Apply(entry.Event);
            var at = entry.Event is IOrderEvent e ? e.At : entry.Timestamp;
            var (reveals, neutral) = ReasonRevealsOf(entry.Event);
            history.Add(new OrderHistoryEntry(
                entry.Version,
                entry.EventType,
                entry.Actor,
                at,
                from == OrderStatus.None ? null : from,
                replay.Status == from ? null : replay.Status,
                ReasonOf(entry.Event),
                ChangesOf(entry.Event))
            {
                ReasonReveals = reveals,
                NeutralReason = neutral,
            });
        }

        return history;
    }

    private static string? ReasonOf(object @event) => @event switch
    {
        HoldOpened e => $"{e.Code}: {e.Detail}",
        HoldReleased e => $"{e.Code}: {e.Reason}",
        ApprovalGranted e => e.Comment,
        OrderCancelled e => e.Reason,
        OrderReopened e => e.Reason,
        OrderSplit e => e.Reason,
        OrdersMerged e => e.Reason,
        OrdersUnmerged e => e.Reason,
        OrderUnmergedFrom e => e.Reason,
        MergedLinesCancelled e => $"{e.OrderId}: {e.Reason}",
        ReturnRequested e => e.Reason,
        AddressChanged e => e.Reason,
        AddressChangedOnChannel e => e.Applied ? "changed on the channel" : "changed on the channel after shipping; not applied",
        PartiallyRefundedOnChannel => "partially refunded on the channel",
        ChannelUpdateSeen => "newer update from the channel; receiver and address unchanged",
        TrackingEventAdded e => e.Description,
        ReturnReceived e when e.Lines?.Any(l => l.Damaged > 0) == true => $"damaged, not restocked: {Damaged(e.Lines)}",
        SlaBreached e => $"{e.Stage} level {e.Level.ToString(CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>
    /// What a reason may reveal, and what to say instead. A hold's detail is classified by its code; a note written about
    /// the hold, the address or an approval (by staff, as free text) is taken to reveal what its subject does.
    /// </summary>
    private static (SensitiveData Reveals, string? Neutral) ReasonRevealsOf(object @event) => @event switch
    {
        HoldOpened e => (HoldDetails.RevealsOf(e.Code), $"{e.Code}: {HoldDetails.NeutralDetail(e.Code)}"),
        HoldReleased e => (HoldDetails.RevealsOf(e.Code), $"{e.Code}: released"),
        AddressChanged => (SensitiveData.PersonalData, null),
        ApprovalGranted => (SensitiveData.Amounts, null),
        _ => (SensitiveData.None, null),
    };

    /// <summary>
    /// What a <see cref="FieldChange"/>'s values reveal, by the field names <see cref="ChangesOf"/> writes. A field not
    /// named here is taken to reveal everything, so a new one is hidden from restricted callers until it is classified.
    /// </summary>
    public static SensitiveData FieldReveals(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            "address" => SensitiveData.PersonalData,
            _ when field.StartsWith("address.", StringComparison.Ordinal) => SensitiveData.PersonalData,
            _ when field.StartsWith("receiver.", StringComparison.Ordinal) => SensitiveData.PersonalData,
            "paidAmount" or "creditNote" => SensitiveData.Amounts,
            "approval" or "warehouse" or "carrier" or "waybillNo" or "damaged" or "childOrderIds" or "mergedFrom" or "mergedInto" => SensitiveData.None,
            _ when field.StartsWith("hold:", StringComparison.Ordinal) => SensitiveData.None,
            _ => SensitiveData.All,
        };
    }

    private static IReadOnlyList<FieldChange> ChangesOf(object @event) => @event switch
    {
        AddressChanged e =>
        [
            new("address", e.OldAddress.ToString(), e.NewAddress.ToString()),
            .. Field("address.province", e.OldAddress.Province, e.NewAddress.Province),
            .. Field("address.city", e.OldAddress.City, e.NewAddress.City),
            .. Field("address.district", e.OldAddress.District, e.NewAddress.District),
            .. Field("address.detail", e.OldAddress.Detail, e.NewAddress.Detail),
        ],
        AddressChangedOnChannel e =>
        [
            .. e.OldAddress == e.NewAddress ? [] : (IEnumerable<FieldChange>)[new("address", e.OldAddress.ToString(), e.NewAddress.ToString())],
            .. Field("address.province", e.OldAddress.Province, e.NewAddress.Province),
            .. Field("address.city", e.OldAddress.City, e.NewAddress.City),
            .. Field("address.district", e.OldAddress.District, e.NewAddress.District),
            .. Field("address.detail", e.OldAddress.Detail, e.NewAddress.Detail),
            .. Field("receiver.name", e.OldReceiver.Name, e.NewReceiver.Name),
            .. Field("receiver.phone", e.OldReceiver.Phone, e.NewReceiver.Phone),
        ],
        HoldOpened e => [new($"hold:{e.Code}", null, "open")],
        HoldReleased e => [new($"hold:{e.Code}", "open", null)],
        ApprovalGranted e => [new("approval", null, e.Role)],
        PaymentConfirmed e => [new("paidAmount", null, e.Amount.ToString(CultureInfo.InvariantCulture))],
        OrderAllocated e => [new("warehouse", null, e.Warehouse)],
        OrderShipped e => [new("carrier", null, e.Carrier), new("waybillNo", null, e.WaybillNo)],
        OrderRefunded e => [new("creditNote", null, $"{e.CreditNoteNumber} {e.Amount.ToString(CultureInfo.InvariantCulture)}")],
        ReturnReceived e when e.Lines?.Any(l => l.Damaged > 0) == true => [new("damaged", null, Damaged(e.Lines))],
        OrderSplit e => [new("childOrderIds", null, string.Join(",", e.ChildOrderIds))],
        OrdersMerged e => [new("mergedFrom", null, string.Join(",", e.MergedOrderIds))],
        OrderMergedInto e => [new("mergedInto", null, e.TargetOrderId)],
        OrdersUnmerged e => [new("mergedFrom", string.Join(",", e.OrderIds), null)],
        OrderUnmergedFrom e => [new("mergedInto", e.TargetOrderId, null)],
        _ => [],
    };

    /// <summary>The damaged units of a return receipt: <c>1 × CUP-1, 2 × TEA-1</c>.</summary>
    private static string Damaged(IReadOnlyList<ReturnedLine> lines) =>
        string.Join(", ", lines.Where(l => l.Damaged > 0).Select(l => $"{l.Damaged.ToString(CultureInfo.InvariantCulture)} × {l.Sku}"));

    private static IEnumerable<FieldChange> Field(string name, string? old, string? @new) =>
        string.Equals(old, @new, StringComparison.Ordinal) ? [] : [new FieldChange(name, old, @new)];
}
