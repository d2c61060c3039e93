namespace OrderActors.Grains.Orders;

/// <summary>One line of an order.</summary>
public sealed record OrderLineView(string Sku, int Quantity, decimal UnitPrice, string? Category)
{
    public decimal Amount => Quantity * UnitPrice;
}
