namespace OrderActors.Grains.Orders;

/// <summary>Splits the order by warehouse when no single warehouse can ship every line.</summary>
public sealed record SplitOrder(string Actor, string? Reason = null);
