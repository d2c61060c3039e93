namespace OrderActors.Client.Contracts;

/// <summary>A carrier tracking event.</summary>
/// <remarks>
/// <see cref="At"/> is never later than the scan reached the service; <see cref="CarrierAt"/> is the carrier's own time
/// when it was later (a carrier clock or time zone ahead), as sent. Absent otherwise.
/// </remarks>
public sealed record TrackingEventDto(string Status, string? Description, DateTimeOffset At, DateTimeOffset? CarrierAt = null);
