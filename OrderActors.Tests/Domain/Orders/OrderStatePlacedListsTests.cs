using System.Text.Json;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Journaling;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>OrderPlaced fills the state's own lists instead of replacing them: the same contents, copies, no spare room, the same snapshot.</summary>
public sealed class OrderStatePlacedListsTests
{
    [Fact]
    public void Apply_OrderPlaced_ListsHoldCopiesOfTheEventsItemsWithNoSpareCapacity()
    {
        List<OrderLineView> lines = [new("SKU-1", 2, 50m, null), new("SKU-2", 1, 9.9m, "toys")];
        List<string> tags = ["vip"];
        var placed = Placed(T0, "sales", "admin") with { Lines = lines, Tags = tags, Promotions = ["618", "new-user"] };
        var state = new OrderState();

        state.Apply(placed);
        lines.Clear();
        tags.Add("later");

        Assert.Equal([new OrderLineView("SKU-1", 2, 50m, null), new OrderLineView("SKU-2", 1, 9.9m, "toys")], state.Lines);
        Assert.Equal(["vip"], state.Tags);
        Assert.Equal(["618", "new-user"], state.Promotions);
        Assert.Equal(["sales", "admin"], state.RequiredApprovals);
        Assert.Equal((2, 1, 2, 2), (state.Lines.Capacity, state.Tags.Capacity, state.Promotions.Capacity, state.RequiredApprovals.Capacity));
    }

    [Fact]
    public void Apply_OrderPlaced_SnapshotEqualsOneWhoseListsWereAssigned()
    {
        var placed = Placed(T0, "sales") with { Tags = ["vip"], Promotions = [] };
        var state = new OrderState();
        state.Apply(placed);
        var assigned = new OrderState();
        assigned.Apply(placed);
        assigned.Lines = [.. placed.Lines];
        assigned.Tags = [.. placed.Tags];
        assigned.Promotions = [.. placed.Promotions];
        assigned.RequiredApprovals = [.. placed.RequiredApprovals];

        var snapshot = JsonSerializer.Serialize(state, JournalJson.Options);

        Assert.Equal(JsonSerializer.Serialize(assigned, JournalJson.Options), snapshot);
    }
}
