namespace OrderActors.Client.Contracts;

/// <summary>A carrier tracking event.</summary>
public sealed record TrackingEventDto(string Status, string? Description, DateTimeOffset At);
