namespace OrderActors.Grains.Orders;

/// <summary>Cancels an order before packing.</summary>
public sealed record CancelOrder(string Reason, string Actor);
