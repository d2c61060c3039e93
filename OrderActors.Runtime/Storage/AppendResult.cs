namespace OrderActors.Runtime.Storage;

/// <summary>The outcome of a committed append: the grain's new version and the global position of its last event.</summary>
public sealed record AppendResult(long Version, long LastPosition);
