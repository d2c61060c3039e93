namespace OrderActors.Grains.Customers;

/// <summary>One line of an order, for duplicate detection.</summary>
public sealed record CustomerOrderItem(string Sku, int Quantity);
