using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Api.Auth;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Sla;

namespace OrderActors.Tests.Api;

/// <summary>
/// The order view and the API's order body are built without LINQ and with shared empty lists; their JSON must be exactly
/// what the earlier mapping (kept below as the reference) produced, for empty and filled lists and for masked callers.
/// </summary>
public sealed class OrderBodyJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    // The API's settings (OrderActorsApiExtensions): web defaults, enums as strings, nulls left out.
    private static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    public static TheoryData<bool, bool, bool> Cases() => new()
    {
        { false, true, true },
        { false, false, false },
        { true, true, true },
        { true, true, false },
        { true, false, true },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToView_AnyState_SerialisesAsTheEarlierMapping(bool filled)
    {
        var state = State(filled);

        var view = state.ToView("own-A1", 7, new SlaRules());

        Assert.Equal(JsonSerializer.Serialize(ReferenceView(state, "own-A1", 7, new SlaRules()), ApiJson), JsonSerializer.Serialize(view, ApiJson));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToDto_AnyViewAndCaller_SerialisesAsTheEarlierMapping(bool filled, bool seesAmounts, bool seesPii)
    {
        var view = ReferenceView(State(filled), "own-A1", 7, new SlaRules());
        var access = new CallerAccess("key:test", seesAmounts, seesPii);

        var body = view.ToDto(access);

        Assert.Equal(JsonSerializer.Serialize(ReferenceDto(view, access), ApiJson), JsonSerializer.Serialize(body, ApiJson));
    }

    [Fact]
    public void ToView_EmptyLists_AreEmptyAndUnsharedWithTheState()
    {
        var state = State(filled: false);

        var view = state.ToView("own-A1", 1, new SlaRules());
        state.Tags.Add("later");

        Assert.Empty(view.Tags);
        Assert.Empty(view.Holds);
        Assert.Empty(view.Approval.Granted);
    }

    [Fact]
    public void ToView_FilledLists_AreCopiesNotTheStatesLists()
    {
        var state = State(filled: true);

        var view = state.ToView("own-A1", 1, new SlaRules());
        state.Tags.Add("later");
        state.Lines.Clear();

        Assert.Equal(["vip", "gift"], view.Tags);
        Assert.Equal(2, view.Lines.Count);
    }

    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static OrderState State(bool filled)
    {
        var state = new OrderState
        {
            Status = OrderStatus.Paid,
            Channel = "own",
            ExternalOrderNo = "A1",
            Shop = "default",
            Customer = new CustomerContact("张三", "13800138000"),
            Address = new ShippingAddress("江苏省", "苏州市", "工业园区", "星湖街328号"),
            Lines = [new OrderLineView("SKU-1", 2, 50m, null), new OrderLineView("SKU-2", 1, 19.9m, "toys")],
            PaymentId = "pay-1",
            PaidAmount = 119.9m,
            PlacedAt = T0,
            PaidAt = T0.AddMinutes(3),
            UpdatedAt = T0.AddMinutes(3),
            SlaStage = OrderSla.AllocationStage,
            SlaStageEnteredAt = T0.AddMinutes(3),
            RulesVersion = 4,
        };
        if (filled)
        {
            state.BuyerNote = "leave at the door";
            state.Promotions = ["618"];
            state.Tags = ["vip", "gift"];
            state.Holds = [new HoldView("buyer_remark", "call first", T0)];
            state.ReleasedHolds = ["price_anomaly"];
            state.RaisedHolds = [new HoldView("buyer_remark", "call first", T0)];
            state.RequiredApprovals = ["sales", "admin"];
            state.Approvals = [new ApprovalGrant("sales", "li", T0, "ok")];
            state.Warehouse = "SZ";
            state.Carrier = "SF";
            state.WaybillNo = "SF123";
            state.Tracking = [new TrackingEventView("picked_up", null, T0.AddHours(1)), new TrackingEventView("in_transit", "Suzhou hub", T0.AddHours(2))];
            state.ParentOrderId = "own-A0";
            state.ChildOrderIds = ["own-A1-1", "own-A1-2"];
            state.MergedFrom = ["own-A7"];
            state.UnmergedFrom = ["own-A8"];
            state.CreditNote = new CreditNoteView("cn-1", 19.9m, T0.AddDays(2));
            state.ReturnReason = "damaged";
            state.ShippedAt = T0.AddHours(1);
            state.SlaLevel = 1;
            state.SlaBreaches = 2;
        }

        return state;
    }

    // The mapping as it was before the allocation changes (collection copies, LINQ), kept as the reference output.
    private static OrderView ReferenceView(OrderState state, string id, long version, SlaRules sla) => new()
    {
        Id = id,
        Channel = state.Channel,
        ExternalOrderNo = state.ExternalOrderNo,
        Shop = state.Shop,
        Status = state.Status,
        Customer = state.Customer,
        Address = state.Address,
        Lines = [.. state.Lines],
        TotalAmount = state.Lines.Sum(l => l.Amount),
        PaidAmount = state.PaidAmount,
        PaymentId = state.PaymentId,
        PaymentMethod = state.PaymentMethod,
        Presale = state.Presale,
        BuyerNote = state.BuyerNote,
        Promotions = [.. state.Promotions],
        Tags = [.. state.Tags],
        Holds = [.. state.Holds],
        Approval = new ApprovalView([.. state.RequiredApprovals], [.. state.Approvals]),
        Warehouse = state.Warehouse,
        Carrier = state.Carrier,
        WaybillNo = state.WaybillNo,
        Tracking = [.. state.Tracking],
        ParentOrderId = state.ParentOrderId,
        ChildOrderIds = [.. state.ChildOrderIds],
        MergedFrom = [.. state.MergedFrom],
        MergedInto = state.MergedInto,
        UnmergedFrom = [.. state.UnmergedFrom],
        Sla = OrderSla.ViewOf(state, sla),
        ReturnReason = state.ReturnReason,
        CreditNote = state.CreditNote,
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

    private static OrderDto ReferenceDto(OrderView view, CallerAccess access) => new()
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
        Promotions = view.Promotions,
        Tags = view.Tags,
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
        UnmergedFrom = view.UnmergedFrom,
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
