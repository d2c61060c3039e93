using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>Well-formed orders and events for the pure order tests; each test changes only what it is about.</summary>
internal static class OrderSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static ShippingAddress Address { get; } = new("江苏省", "苏州市", "工业园区", "星湖街328号创意产业园");

    public static PlaceOrder Order(string channel = "own", string number = "A1", params OrderLineRequest[] lines) => new()
    {
        Channel = channel,
        ExternalOrderNo = number,
        Customer = new CustomerContact("张三", "13800138000"),
        Address = Address,
        Lines = lines.Length > 0 ? lines : [new OrderLineRequest("SKU-1", 1, 100m)],
        Actor = "test",
    };

    public static OrderPlaced Placed(DateTimeOffset at, params string[] requiredApprovals) => new(
        "own", "A1", "default", new CustomerContact("张三", "13800138000"), Address,
        [new OrderLineView("SKU-1", 2, 50m, null)], null, PaymentMethods.Online, false, [], [],
        at + TimeSpan.FromMinutes(30), requiredApprovals, null, 1, at);

    public static OrderState PaidState(DateTimeOffset at)
    {
        var state = new OrderState();
        state.Apply(Placed(at));
        state.Apply(new PaymentConfirmed("pay-1", 100m, at));
        return state;
    }
}
