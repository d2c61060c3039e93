namespace OrderActors.Grains.Orders;

/// <summary>The order after a place command, and whether this very call created it (decided inside the grain's turn, so two concurrent deliveries cannot both see "created").</summary>
public sealed record PlaceOutcome(OrderView Order, bool Created);
