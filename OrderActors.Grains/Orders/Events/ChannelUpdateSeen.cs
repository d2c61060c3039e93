using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The channel sent the order as of <see cref="ModifiedAt"/>, newer than the last update taken, with the receiver and
/// address the order already has: only its time is kept, so an older update that arrives later is seen as older.
/// </summary>
[JournalEvent("order.channel_update_seen")]
public sealed record ChannelUpdateSeen(DateTimeOffset ModifiedAt, DateTimeOffset At) : IOrderEvent;
