namespace OrderActors.Grains.Orders;

/// <summary>
/// One line of an order. <see cref="StockOrderId"/> is the order id the SKU's reservation is held under: the order itself,
/// or for a split part its parent, for merged lines the order they came from. Stock is never moved by a split or merge,
/// so totals cannot drift.
/// </summary>
public sealed record OrderLineView(string Sku, int Quantity, decimal UnitPrice, string? Category, string StockOrderId)
{
    public decimal Amount => Quantity * UnitPrice;
}
