namespace OrderActors.Grains.Orders;

/// <summary>One line of an order as placed.</summary>
public sealed record OrderLineRequest(string Sku, int Quantity, decimal UnitPrice, string? Category = null);
