namespace OrderActors.Grains.Orders;

/// <summary>Allocates to a warehouse: the given one, or the one the allocation rules choose.</summary>
public sealed record AllocateOrder(string Actor, string? Warehouse = null);
