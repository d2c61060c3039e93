using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The shipping address was edited.</summary>
[JournalEvent("order.address_changed")]
public sealed record AddressChanged(ShippingAddress OldAddress, ShippingAddress NewAddress, string Reason, DateTimeOffset At) : IOrderEvent;
