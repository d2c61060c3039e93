namespace OrderActors.Runtime.Storage;

/// <summary>A grain's serialized state as of <see cref="Version"/>.</summary>
public sealed record SnapshotRecord(long Version, string Data, DateTimeOffset Timestamp);
