using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The customer received the parcel. <see cref="At"/> is when it was recorded; <see cref="ReceivedAt"/>, when the carrier's
/// scan says the parcel was delivered (between shipping and the recording), if a scan said so.
/// </summary>
[JournalEvent("order.delivered")]
public sealed record OrderDelivered(DateTimeOffset At, DateTimeOffset? ReceivedAt = null) : IOrderEvent;
