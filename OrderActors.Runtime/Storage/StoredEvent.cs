namespace OrderActors.Runtime.Storage;

/// <summary>An event as stored: the grain, the version it produced, and its global position (the change feed order).</summary>
public sealed record StoredEvent(GrainId GrainId, long Version, string EventType, string Data, string Actor, DateTimeOffset Timestamp, long Position);
