namespace OrderActors.Grains.Orders;

/// <summary>Grain-to-grain: merge this order into <see cref="TargetOrderId"/> if it matches <see cref="Target"/> (same customer, address, shop).</summary>
public sealed record MergeInto(string TargetOrderId, OrderView Target, string Actor);
