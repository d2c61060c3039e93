namespace OrderActors.Grains.Orders;

/// <summary>Grain-to-grain: the parent hands a child its lines and warehouse.</summary>
public sealed record CreateSplitPart(string ParentOrderId, OrderView Parent, IReadOnlyList<OrderLineView> Lines, string Warehouse, string Actor);
