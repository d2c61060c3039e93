using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// Orders merged into this one were taken out again (their buyer cancelled, or this order's own buyer did): this order
/// keeps <see cref="Lines"/> and <see cref="PaidAmount"/>, what is left once their lines and payments are gone. With
/// <see cref="Unallocated"/> its allocation was taken back to do it: it is paid and unallocated again.
/// </summary>
[JournalEvent("order.unmerged")]
public sealed record OrdersUnmerged(IReadOnlyList<string> OrderIds, IReadOnlyList<OrderLineView> Lines, decimal PaidAmount, bool Unallocated, string Reason, DateTimeOffset At) : IOrderEvent;
