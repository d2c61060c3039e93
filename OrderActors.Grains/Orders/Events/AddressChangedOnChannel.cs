using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The buyer changed the receiver or address on the channel (as of the channel's <see cref="ModifiedAt"/>). When
/// <see cref="Applied"/> the order ships to the new one; otherwise (shipped, merged) it is only on record.
/// </summary>
[JournalEvent("order.address_changed_on_channel")]
public sealed record AddressChangedOnChannel(
    ShippingAddress OldAddress, ShippingAddress NewAddress, CustomerContact OldReceiver, CustomerContact NewReceiver, bool Applied, DateTimeOffset ModifiedAt, DateTimeOffset At)
    : IOrderEvent;
