using System.Text.Json.Serialization;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Grains.Orders.Events;

/// <summary>
/// The order was accepted: its lines, buyer, address, and what it needs before it may advance. <see cref="ChannelModifiedAt"/>
/// is the channel's modification time of the payload that placed it; a split part also takes its parent's
/// <see cref="Receiver"/> (both stored only when there is one).
/// </summary>
[JournalEvent("order.placed")]
public sealed record OrderPlaced(string Channel, string ExternalOrderNo, string Shop, CustomerContact Customer, ShippingAddress Address, IReadOnlyList<OrderLineView> Lines, string? BuyerNote, string PaymentMethod, bool Presale, IReadOnlyList<string> Promotions, IReadOnlyList<string> Tags, DateTimeOffset? PaymentDueAt, IReadOnlyList<string> RequiredApprovals, string? ParentOrderId, long RulesVersion, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ChannelModifiedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CustomerContact? Receiver = null) : IOrderEvent;
