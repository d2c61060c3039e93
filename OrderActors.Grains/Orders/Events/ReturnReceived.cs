using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The warehouse received the returned goods and restocked <paramref name="Lines"/> (null, in events written before
/// returns had lines: every unit the return covered).
/// </summary>
[JournalEvent("order.returned")]
public sealed record ReturnReceived(string Warehouse, DateTimeOffset At, IReadOnlyList<ReturnedLine>? Lines = null) : IOrderEvent;
