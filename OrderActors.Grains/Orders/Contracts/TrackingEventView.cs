namespace OrderActors.Grains.Orders;

/// <summary>
/// A carrier tracking event. <see cref="At"/>: when it happened, never later than it reached us; <see cref="CarrierAt"/>:
/// the carrier's own time when that was later (its clock or time zone ahead), kept as sent.
/// </summary>
public sealed record TrackingEventView(string Status, string? Description, DateTimeOffset At, DateTimeOffset? CarrierAt = null);
