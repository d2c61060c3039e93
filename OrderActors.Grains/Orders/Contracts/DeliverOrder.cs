namespace OrderActors.Grains.Orders;

/// <summary>
/// The customer received the parcel; <see cref="ScannedAt"/>: when the carrier's delivered scan says so (kept between the
/// shipping time and now), else now.
/// </summary>
public sealed record DeliverOrder(string Actor, DateTimeOffset? ScannedAt = null);
