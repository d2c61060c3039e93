using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The customer asked to return a shipped order. For an order that shipped in a merged shipment only its buyer's part
/// comes back: <see cref="Lines"/> and <see cref="Amount"/> say which (null: all of the order's lines and payment), and
/// <see cref="Warehouse"/> where the shipment left from when the order itself was never allocated (it was merged).
/// </summary>
[JournalEvent("order.return_requested")]
public sealed record ReturnRequested(string Reason, DateTimeOffset At, string? Warehouse = null, IReadOnlyList<OrderLineView>? Lines = null, decimal? Amount = null) : IOrderEvent;
