namespace OrderActors.Grains.Orders;

/// <summary>
/// A carrier callback: a tracking status (e.g. <c>picked_up</c>, <c>in_transit</c>) at a time. <see cref="Carrier"/>: the
/// carrier whose callback it is, refused for an order that shipped with another (null: not checked).
/// </summary>
public sealed record AddTrackingEvent(string Status, string? Description, DateTimeOffset At, string Actor, string? Carrier = null);
