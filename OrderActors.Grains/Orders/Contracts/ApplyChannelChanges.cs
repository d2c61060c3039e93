namespace OrderActors.Grains.Orders;

/// <summary>
/// What a channel's update of a known order says beyond payment and cancellation: the receiver and address as of
/// <see cref="ModifiedAt"/> (both null when the update has no modification time, or no address), and whether the buyer was
/// refunded in part.
/// </summary>
public sealed record ApplyChannelChanges(DateTimeOffset? ModifiedAt, CustomerContact? Receiver, ShippingAddress? Address, bool PartiallyRefunded, string Actor);
