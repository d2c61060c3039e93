namespace OrderActors.Grains.Orders;

/// <summary>A carrier tracking event.</summary>
public sealed record TrackingEventView(string Status, string? Description, DateTimeOffset At);
