using System.Text.Json.Serialization;
using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Sla;
using OrderActors.Runtime.Journaling;
using OrderActors.Runtime.Storage;

namespace OrderActors.Grains.Orders;

/// <summary>
/// An order's journaled state: changed only by applying its events. Public setters so that snapshots round-trip
/// through System.Text.Json; nothing outside <see cref="Apply"/> writes them.
/// </summary>
public sealed class OrderState : IJournaledState, IIndexedState
{
    public OrderStatus Status { get; set; }
    public string Channel { get; set; } = "";
    public string ExternalOrderNo { get; set; } = "";
    public string Shop { get; set; } = "";
    public CustomerContact Customer { get; set; } = new("", "");
    public ShippingAddress Address { get; set; } = new("", "", "", "");

    /// <summary>
    /// Who receives the parcel, when the buyer changed it on the channel; else the <see cref="Customer"/>. The customer
    /// stays who the order was placed by (its customer grain, spend and refunds go by that phone).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CustomerContact? Receiver { get; set; }

    /// <summary>The channel's modification time of the newest update whose address the order took (or the placing payload's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ChannelModifiedAt { get; set; }

    /// <summary>The channel said the buyer was refunded in part.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PartiallyRefundedOnChannel { get; set; }
    public List<OrderLineView> Lines { get; set; } = [];
    public string? BuyerNote { get; set; }
    public string PaymentMethod { get; set; } = PaymentMethods.Online;
    public bool Presale { get; set; }
    public List<string> Promotions { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<HoldView> Holds { get; set; } = [];
    public List<string> ReleasedHolds { get; set; } = [];

    /// <summary>Every hold the order ever had (first opening), for reports of exceptions by code after they were released.</summary>
    public List<HoldView> RaisedHolds { get; set; } = [];
    public List<string> RequiredApprovals { get; set; } = [];
    public List<ApprovalGrant> Approvals { get; set; } = [];
    public bool StockShort { get; set; }
    public string? PaymentId { get; set; }
    public decimal PaidAmount { get; set; }
    public string? Warehouse { get; set; }
    public string? Carrier { get; set; }
    public string? WaybillNo { get; set; }
    public List<TrackingEventView> Tracking { get; set; } = [];
    public string? ParentOrderId { get; set; }
    public List<string> ChildOrderIds { get; set; } = [];
    public List<string> MergedFrom { get; set; } = [];
    public string? MergedInto { get; set; }

    /// <summary>Orders once merged into this one and taken out again (their buyer, or this order's, cancelled).</summary>
    public List<string> UnmergedFrom { get; set; } = [];

    /// <summary>Orders of this merged shipment (merged in, or this one) whose buyer cancelled after allocation: held for a person.</summary>
    public List<string> CancelledMergedOrders { get; set; } = [];
    public string? ReturnReason { get; set; }

    /// <summary>What a return brings back when it is not the whole order (this buyer's part of a merged shipment); null: every line.</summary>
    public List<OrderLineView>? ReturnLines { get; set; }

    /// <summary>What a return refunds at most when it is not the whole order's payment; null: the order's payment.</summary>
    public decimal? ReturnAmount { get; set; }

    /// <summary>What the received return put back on hand, per SKU (a return may bring back less than shipped).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ReturnedLine>? ReturnedLines { get; set; }
    public CreditNoteView? CreditNote { get; set; }
    public string? CancelReason { get; set; }
    public long RulesVersion { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset? PaymentDueAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? AllocatedAt { get; set; }
    public DateTimeOffset? PackedAt { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? ReturnRequestedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The SLA stage the order is in (see <see cref="OrderSla.StageOf"/>), since when, and how far it escalated.</summary>
    public string? SlaStage { get; set; }
    public DateTimeOffset SlaStageEnteredAt { get; set; }
    public int SlaLevel { get; set; }
    public bool RedAlert { get; set; }
    public int SlaBreaches { get; set; }

    public bool Exists => Status != OrderStatus.None;

    public decimal TotalAmount
    {
        get
        {
            // Read by every view and index update: a loop, not LINQ's boxed enumerator (the same sum, in the same order).
            var total = 0m;
            foreach (var line in Lines)
            {
                total += line.Amount;
            }

            return total;
        }
    }

    public bool ApprovalComplete => Approvals.Count >= RequiredApprovals.Count;

    /// <summary>
    /// Part of a merge: merged into another order, the target of merged-in orders, or a target cancelled after giving
    /// them back (whose retry tells them again). A buyer's cancellation or refund of it takes the un-merge path.
    /// </summary>
    public bool InMerge => Status == OrderStatus.Merged || MergedFrom.Count > 0 || (Status == OrderStatus.Cancelled && UnmergedFrom.Count > 0);

    public bool Blocked => Holds.Count > 0 || !ApprovalComplete;

    public bool HasHold(string code) => Holds.Exists(h => h.Code == code);

    /// <summary>Paid, and nothing but goods sold on presale holds it up: no SLA runs (it starts once the goods are here).</summary>
    public bool WaitsOnlyForPresaleGoods => Status == OrderStatus.Paid && Holds.Count == 1 && Holds[0].Code == HoldCodes.AwaitingPresaleStock && ApprovalComplete;

    public void Apply(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        switch (@event)
        {
            case OrderPlaced e:
                Status = OrderStatus.PendingPayment;
                (Channel, ExternalOrderNo, Shop, Customer, Address) = (e.Channel, e.ExternalOrderNo, e.Shop, e.Customer, e.Address);
                // Filled in place, not replaced: the empty lists this state was made with are kept instead of four new
                // ones (every placement applies this event twice: its preview and the journal's state).
                Replace(Lines, e.Lines);
                (BuyerNote, PaymentMethod, Presale) = (e.BuyerNote, e.PaymentMethod, e.Presale);
                Replace(Promotions, e.Promotions);
                Replace(Tags, e.Tags);
                PaymentDueAt = e.PaymentDueAt;
                Replace(RequiredApprovals, e.RequiredApprovals);
                ParentOrderId = e.ParentOrderId;
                RulesVersion = e.RulesVersion;
                PlacedAt = e.At;
                (ChannelModifiedAt, Receiver) = (e.ChannelModifiedAt, e.Receiver);
                break;
            case StockReserved:
                StockShort = false;
                break;
            case HoldOpened e:
                Holds.RemoveAll(h => h.Code == e.Code);
                Holds.Add(new HoldView(e.Code, e.Detail, e.At));
                ReleasedHolds.Remove(e.Code);
                if (!RaisedHolds.Exists(h => h.Code == e.Code))
                {
                    RaisedHolds.Add(new HoldView(e.Code, e.Detail, e.At));
                }

                StockShort |= e.Code == HoldCodes.InsufficientStock;
                break;
            case HoldReleased e:
                Holds.RemoveAll(h => h.Code == e.Code);
                ReleasedHolds.Add(e.Code);
                break;
            case ApprovalGranted e:
                Approvals.Add(new ApprovalGrant(e.Role, e.Actor, e.At, e.Comment));
                break;
            case PaymentConfirmed e:
                Status = OrderStatus.Paid;
                (PaymentId, PaidAmount, PaidAt, PaymentDueAt) = (e.PaymentId, e.Amount, e.At, null);
                break;
            case OrderCancelled e:
                (Status, CancelReason, CancelledAt, PaymentDueAt) = (OrderStatus.Cancelled, e.Reason, e.At, null);
                break;
            case OrderReopened:
                (Status, CancelReason, CancelledAt) = (OrderStatus.PendingPayment, null, null);
                break;
            case OrderAllocated e:
                (Status, Warehouse, AllocatedAt) = (OrderStatus.Allocated, e.Warehouse, e.At);
                break;
            case OrderSplit e:
                Status = OrderStatus.Split;
                ChildOrderIds = [.. e.ChildOrderIds];
                break;
            case OrdersMerged e:
                MergedFrom.AddRange(e.MergedOrderIds);
                Lines = [.. e.Lines];
                PaidAmount = e.PaidAmount;
                break;
            case OrderMergedInto e:
                (Status, MergedInto) = (OrderStatus.Merged, e.TargetOrderId);
                break;
            case OrdersUnmerged e:
                MergedFrom.RemoveAll(e.OrderIds.Contains);
                UnmergedFrom.AddRange(e.OrderIds);
                Lines = [.. e.Lines];
                PaidAmount = e.PaidAmount;
                if (e.Unallocated)
                {
                    (Status, Warehouse, AllocatedAt) = (OrderStatus.Paid, null, null);
                }

                break;
            case OrderUnmergedFrom:
                (Status, MergedInto) = (OrderStatus.Paid, null);
                break;
            case MergedLinesCancelled e:
                CancelledMergedOrders.Add(e.OrderId);
                break;
            case OrderPacked e:
                (Status, PackedAt) = (OrderStatus.Packed, e.At);
                break;
            case OrderShipped e:
                (Status, Carrier, WaybillNo, ShippedAt) = (OrderStatus.Shipped, e.Carrier, e.WaybillNo, e.At);
                break;
            case TrackingEventAdded e:
                // A scan cannot have happened after it reached us: one dated later (a carrier's clock or time zone ahead)
                // is shown at its arrival, with the carrier's time beside it, as the delivery time already was.
                Tracking.Add(e.EventAt > e.At
                    ? new TrackingEventView(e.Status, e.Description, e.At, e.EventAt)
                    : new TrackingEventView(e.Status, e.Description, e.EventAt));
                break;
            case OrderDelivered e:
                (Status, DeliveredAt) = (OrderStatus.Delivered, e.ReceivedAt ?? e.At);
                break;
            case OrderCompleted e:
                (Status, CompletedAt) = (OrderStatus.Completed, e.At);
                break;
            case ReturnRequested e:
                (Status, ReturnReason, ReturnRequestedAt) = (OrderStatus.ReturnRequested, e.Reason, e.At);
                (ReturnLines, ReturnAmount) = (e.Lines is null ? null : [.. e.Lines], e.Amount);
                Warehouse ??= e.Warehouse;
                break;
            case ReturnReceived e:
                (Status, ReturnedAt) = (OrderStatus.Returned, e.At);
                ReturnedLines = e.Lines is null ? [.. OrderStock.Needs(ReturnLines ?? Lines).Select(n => new ReturnedLine(n.Key, n.Value))] : [.. e.Lines];
                Warehouse ??= e.Warehouse;
                break;
            case OrderRefunded e:
                Status = OrderStatus.Refunded;
                CreditNote = new CreditNoteView(e.CreditNoteNumber, e.Amount, e.At);
                break;
            case AddressChanged e:
                Address = e.NewAddress;
                break;
            case AddressChangedOnChannel e:
                ChannelModifiedAt = e.ModifiedAt;
                if (e.Applied)
                {
                    Address = e.NewAddress;
                    Receiver = e.NewReceiver == Customer ? null : e.NewReceiver;
                }

                break;
            case Events.PartiallyRefundedOnChannel:
                PartiallyRefundedOnChannel = true;
                break;
            case ChannelUpdateSeen e:
                ChannelModifiedAt = e.ModifiedAt;
                return; // the channel's bookkeeping, not a touch: the untouched clock and the SLA stage stay

            case SlaBreached e:
                SlaBreaches++;
                if (e.Stage == OrderSla.UntouchedStage)
                {
                    RedAlert = true;
                }
                else
                {
                    SlaLevel = Math.Max(SlaLevel, e.Level);
                }

                return; // a breach is not a touch: it must not restart the untouched clock
            default:
                throw new InvalidOperationException($"Unknown order event {@event.GetType().Name}.");
        }

        var at = ((IOrderEvent)@event).At;

        // Never back in time: a marketplace order's payment carries the platform's pay time, which is before the order
        // was received here, and an order must not read as updated before it was placed (nor look untouched for longer).
        UpdatedAt = at > UpdatedAt ? at : UpdatedAt;
        RedAlert = false;
        var stage = OrderSla.StageOf(this);
        if (stage != SlaStage)
        {
            (SlaStage, SlaStageEnteredAt, SlaLevel) = (stage, at, 0);
        }
    }

    private static void Replace<T>(List<T> list, IReadOnlyList<T> items)
    {
        list.Clear();
        if (items.Count > list.Capacity)
        {
            // Exactly as large as the items, as the copy it replaces was: the state stays resident.
            list.Capacity = items.Count;
        }

        list.AddRange(items);
    }

    public IReadOnlyList<IndexEntry> GetIndexEntries() => OrderIndex.EntriesFor(this);
}
