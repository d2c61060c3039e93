using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>The order was accepted: its lines, buyer, address, and what it needs before it may advance.</summary>
[JournalEvent("order.placed")]
public sealed record OrderPlaced(string Channel, string ExternalOrderNo, string Shop, CustomerContact Customer, ShippingAddress Address, IReadOnlyList<OrderLineView> Lines, string? BuyerNote, string PaymentMethod, bool Presale, IReadOnlyList<string> Promotions, IReadOnlyList<string> Tags, DateTimeOffset? PaymentDueAt, IReadOnlyList<string> RequiredApprovals, string? ParentOrderId, long RulesVersion, DateTimeOffset At) : IOrderEvent;
