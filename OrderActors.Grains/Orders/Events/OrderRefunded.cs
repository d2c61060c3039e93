using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>Finance recorded a credit note for the return.</summary>
[JournalEvent("order.refunded")]
public sealed record OrderRefunded(string CreditNoteNumber, decimal Amount, DateTimeOffset At) : IOrderEvent;
