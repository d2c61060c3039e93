namespace OrderActors.Runtime.Storage;

/// <summary>Storage counters since start.</summary>
/// <param name="Provider">Provider name.</param>
/// <param name="Commits">Transactions committed.</param>
/// <param name="Writes">Write requests (appends, reminder and document changes) committed.</param>
/// <param name="Conflicts">Appends rejected for a stale version.</param>
/// <param name="AverageBatchSize">Writes per commit.</param>
/// <param name="CommitLatencyP50Ms">Median commit latency over a recent window.</param>
/// <param name="CommitLatencyP99Ms">99th percentile commit latency over a recent window.</param>
/// <param name="QueueLength">Writes waiting for the next batch.</param>
public sealed record StorageStatistics(
    string Provider,
    long Commits,
    long Writes,
    long Conflicts,
    double AverageBatchSize,
    double CommitLatencyP50Ms,
    double CommitLatencyP99Ms,
    int QueueLength);
