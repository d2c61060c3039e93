namespace OrderActors.Grains.Orders;

/// <summary>Closes a delivered order.</summary>
public sealed record CompleteOrder(string Actor);
