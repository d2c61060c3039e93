using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;
using OrderActors.Runtime.Journaling;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderHistoryTests
{
    [Fact]
    public void Build_AddressChanged_RecordsOldAndNewValuesWithActorAndReason()
    {
        var moved = Address with { City = "无锡市", Detail = "太湖大道1号" };
        var entries = new[]
        {
            new JournalEntry(1, "order.placed", Placed(T0), "shop", T0, 1),
            new JournalEntry(2, "order.address_changed", new AddressChanged(Address, moved, "buyer moved", T0.AddMinutes(1)), "cs:li", T0, 2),
        };

        var history = OrderHistory.Build(entries);

        var change = history[1];
        Assert.Equal(("cs:li", "buyer moved", "order.address_changed"), (change.Actor, change.Reason, change.Type));
        Assert.Contains(new FieldChange("address.city", "苏州市", "无锡市"), change.Changes);
        Assert.Contains(new FieldChange("address.detail", Address.Detail, "太湖大道1号"), change.Changes);
        Assert.DoesNotContain(change.Changes, c => c.Field == "address.province");
    }

    [Fact]
    public void Build_Payment_RecordsTheTransition()
    {
        var entries = new[]
        {
            new JournalEntry(1, "order.placed", Placed(T0), "shop", T0, 1),
            new JournalEntry(2, "order.paid", new PaymentConfirmed("p", 100m, T0), "alipay", T0, 2),
        };

        var history = OrderHistory.Build(entries);

        Assert.Equal((null, OrderStatus.PendingPayment), (history[0].FromStatus, history[0].ToStatus));
        Assert.Equal((OrderStatus.PendingPayment, OrderStatus.Paid), (history[1].FromStatus, history[1].ToStatus));
    }
}
