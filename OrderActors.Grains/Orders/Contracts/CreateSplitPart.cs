namespace OrderActors.Grains.Orders;

/// <summary>
/// Grain-to-grain: the parent hands a child its lines, its warehouse and its share of the payment (the parent shares
/// the payment among all parts at once, <see cref="PaymentShares"/>, so the shares add up to it).
/// </summary>
public sealed record CreateSplitPart(string ParentOrderId, OrderView Parent, IReadOnlyList<OrderLineView> Lines, string Warehouse, decimal PaidShare, string Actor);
