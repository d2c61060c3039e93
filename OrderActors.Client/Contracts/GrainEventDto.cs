namespace OrderActors.Client.Contracts;

/// <summary>One stored event of a grain.</summary>
public sealed record GrainEventDto(long Version, long Position, string EventType, string Actor, DateTimeOffset Timestamp, System.Text.Json.JsonElement Data);
