namespace OrderActors.Grains.Orders;

/// <summary>
/// Grain-to-grain: the merged-in order <see cref="OrderId"/> heard news from the channel that its target's shipment must
/// not ship without a person (a new address after packing, a partial refund): the target opens the hold
/// <see cref="Code"/> with <see cref="Detail"/>, or adds the detail to that hold when it is open already.
/// </summary>
public sealed record HoldForMergedOrder(string OrderId, string Code, string Detail, string Actor);
