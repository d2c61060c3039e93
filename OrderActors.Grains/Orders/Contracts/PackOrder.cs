namespace OrderActors.Grains.Orders;

/// <summary>The warehouse packed the order.</summary>
public sealed record PackOrder(string Actor);
