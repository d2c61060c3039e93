using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Sla;
using OrderActors.Runtime.Storage;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderStateTests
{
    [Fact]
    public void Apply_PlacedThenPaid_IsPaidInAllocationStageAndNoLongerDueForPayment()
    {
        var state = new OrderState();

        state.Apply(Placed(T0));
        state.Apply(new PaymentConfirmed("pay-1", 100m, T0.AddMinutes(5)));

        Assert.Equal(OrderStatus.Paid, state.Status);
        Assert.Equal(OrderSla.AllocationStage, state.SlaStage);
        Assert.Equal(T0.AddMinutes(5), state.SlaStageEnteredAt);
        Assert.Null(state.PaymentDueAt);
        Assert.Equal(100m, state.TotalAmount);
    }

    [Fact]
    public void Apply_HoldOpenedOnPaidOrder_BlocksAndMovesToReviewStage()
    {
        var state = PaidState(T0);

        state.Apply(new HoldOpened(HoldCodes.BuyerRemark, "urgent", T0.AddMinutes(1)));

        Assert.True(state.Blocked);
        Assert.Equal(OrderSla.ReviewStage, state.SlaStage);
        Assert.Contains(state.GetIndexEntries(), e => e.Name == "hold:buyer_remark");
    }

    [Fact]
    public void Apply_HoldReleased_UnblocksAndRemembersTheRelease()
    {
        var state = PaidState(T0);
        state.Apply(new HoldOpened(HoldCodes.BuyerRemark, "urgent", T0));

        state.Apply(new HoldReleased(HoldCodes.BuyerRemark, "called the buyer", T0.AddMinutes(3)));

        Assert.False(state.Blocked);
        Assert.Contains(HoldCodes.BuyerRemark, state.ReleasedHolds);
        Assert.DoesNotContain(state.GetIndexEntries(), e => e.Name.StartsWith("hold:", StringComparison.Ordinal));
        Assert.Contains(state.GetIndexEntries(), e => e.Name == OrderIndex.Raised(HoldCodes.BuyerRemark) && e.Value == IndexValues.Time(T0));
    }

    [Fact]
    public void Apply_RequiredApprovalsGrantedInTurn_CompletesApproval()
    {
        var state = new OrderState();
        state.Apply(Placed(T0, "sales", "admin"));

        state.Apply(new ApprovalGranted("sales", "li", null, T0));
        var afterFirst = state.ApprovalComplete;
        state.Apply(new ApprovalGranted("admin", "wang", null, T0));

        Assert.False(afterFirst);
        Assert.True(state.ApprovalComplete);
        Assert.Equal(["sales", "admin"], state.Approvals.Select(a => a.Role));
    }

    [Fact]
    public void GetIndexEntries_ShippedOrder_HasStatusTimesAndFulfilmentSeconds()
    {
        var state = PaidState(T0);
        state.Apply(new OrderAllocated("SZ", T0.AddHours(1)));
        state.Apply(new OrderPacked(T0.AddHours(2)));

        state.Apply(new OrderShipped("SF", "SF123", T0.AddHours(3)));

        var entries = state.GetIndexEntries().ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("Shipped", entries[OrderIndex.Status]);
        Assert.Equal("SZ", entries[OrderIndex.Warehouse]);
        Assert.Equal("13800138000", entries[OrderIndex.Phone]);
        Assert.Equal(IndexValues.Time(T0.AddHours(3)), entries[OrderIndex.ShippedAt]);
        Assert.Equal(IndexValues.Number(3 * 3600), entries[OrderIndex.FulfilmentSeconds]);
        Assert.Equal(IndexValues.Number(100m), entries[OrderIndex.Amount]);
    }

    [Fact]
    public void Apply_SlaBreach_DoesNotCountAsATouch()
    {
        var state = PaidState(T0);

        state.Apply(new SlaBreached(OrderSla.AllocationStage, 1, T0.AddHours(2), T0.AddHours(2)));

        Assert.Equal(T0, state.UpdatedAt);
        Assert.Equal(1, state.SlaLevel);
        Assert.Contains(state.GetIndexEntries(), e => e is { Name: OrderIndex.Overdue, Value: "1" });
    }

    [Fact]
    public void Apply_UnknownEvent_Throws()
    {
        var state = new OrderState();

        var error = Record.Exception(() => state.Apply("not an event"));

        Assert.IsType<InvalidOperationException>(error);
    }
}
