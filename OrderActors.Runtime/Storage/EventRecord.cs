namespace OrderActors.Runtime.Storage;

/// <summary>An event about to be appended: its stored type name, JSON data, actor and time.</summary>
public sealed record EventRecord(string EventType, string Data, string Actor, DateTimeOffset Timestamp);
