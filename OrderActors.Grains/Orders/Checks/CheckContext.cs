namespace OrderActors.Grains.Orders;

/// <summary>What the checks learn from other grains: the stock shortfall and the customer grain's verdict.</summary>
/// <param name="StockShort">Some line could not be reserved in full.</param>
/// <param name="DuplicateOf">The order this one repeats (from another channel), when the customer grain suspects a duplicate.</param>
/// <param name="RecentOrders">The buyer's orders within the high-frequency window, this one included.</param>
/// <param name="Shortage">Which SKUs are short and by how much (<c>SKU-1 short by 3</c>), when known.</param>
public sealed record CheckContext(bool StockShort, string? DuplicateOf, int RecentOrders, string? Shortage = null);
