using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Sla;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderSlaTests
{
    private static readonly SlaRules Rules = new();

    [Fact]
    public void DueBreaches_AllocationStageOverrunOnce_IsLevelOne()
    {
        var state = PaidState(T0);

        var breaches = OrderSla.DueBreaches(state, Rules, T0.AddHours(2));

        var breach = Assert.Single(breaches);
        Assert.Equal((OrderSla.AllocationStage, 1), (breach.Stage, breach.Level));
    }

    [Fact]
    public void DueBreaches_AfterLevelOneAndAnotherPeriod_IsLevelTwoThenNothingMore()
    {
        var state = PaidState(T0);
        state.Apply(OrderSla.DueBreaches(state, Rules, T0.AddHours(2)).Single());

        var second = OrderSla.DueBreaches(state, Rules, T0.AddHours(4));
        state.Apply(second.Single());

        Assert.Equal(2, second.Single().Level);
        Assert.Equal(2, state.SlaLevel);
        Assert.Null(OrderSla.StageDueAt(state, Rules));
        Assert.Empty(OrderSla.DueBreaches(state, Rules, T0.AddHours(5)));
    }

    [Fact]
    public void DueBreaches_ClockJumpedPastBothLevels_ReturnsBoth()
    {
        var state = PaidState(T0);

        var breaches = OrderSla.DueBreaches(state, Rules, T0.AddHours(4));

        Assert.Equal([1, 2], breaches.Select(b => b.Level));
    }

    [Fact]
    public void DueBreaches_Untouched48Hours_RaisesRedAlert()
    {
        var state = PaidState(T0);
        state.Apply(new OrderAllocated("SZ", T0));
        state.Apply(new OrderPacked(T0));
        state.Apply(new OrderShipped("SF", "1", T0));

        var breaches = OrderSla.DueBreaches(state, Rules, T0.AddHours(48));
        state.Apply(breaches.Single());

        Assert.Equal(OrderSla.UntouchedStage, breaches.Single().Stage);
        Assert.True(state.RedAlert);
        Assert.Null(OrderSla.NextDueAt(state, Rules));
    }

    [Fact]
    public void NextDueAt_StageChanged_RestartsFromTheNewStage()
    {
        var state = PaidState(T0);

        state.Apply(new OrderAllocated("SZ", T0.AddMinutes(90)));

        Assert.Equal(OrderSla.PackingStage, state.SlaStage);
        Assert.Equal(T0.AddMinutes(90) + Rules.Packing, OrderSla.NextDueAt(state, Rules));
    }

    [Fact]
    public void NextDueAt_SlaDisabled_IsNull()
    {
        var state = PaidState(T0);

        var due = OrderSla.NextDueAt(state, Rules with { Enabled = false });

        Assert.Null(due);
    }
}
