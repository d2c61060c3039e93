namespace OrderActors.Grains.Orders;

/// <summary>A carrier callback: a tracking status (e.g. <c>picked_up</c>, <c>in_transit</c>) at a time.</summary>
public sealed record AddTrackingEvent(string Status, string? Description, DateTimeOffset At, string Actor);
