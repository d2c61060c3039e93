namespace OrderActors.Client.Contracts;

/// <summary>Storage commit figures.</summary>
public sealed record StorageStatsDto(string Provider, long Commits, long Writes, long Conflicts, double AverageBatchSize, double CommitLatencyP50Ms, double CommitLatencyP99Ms, int QueueLength);
