using System.Text.Json;

namespace OrderActors.Client.Contracts;

/// <summary>One change-feed event: its global position, the grain it belongs to, and its data.</summary>
public sealed record FeedEventView(long Position, string GrainType, string GrainKey, long Version, string EventType, string Actor, DateTimeOffset Timestamp, JsonElement Data);
