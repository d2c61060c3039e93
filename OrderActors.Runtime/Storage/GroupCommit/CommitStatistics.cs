namespace OrderActors.Runtime.Storage.GroupCommit;

/// <summary>Thread-safe commit counters and a window of recent commit latencies for percentiles.</summary>
internal sealed class CommitStatistics
{
    private const int WindowSize = 1024;

    private readonly Lock _gate = new();
    private readonly double[] _latenciesMs = new double[WindowSize];
    private int _latencyCount;
    private int _latencyNext;
    private long _commits;
    private long _writes;
    private long _conflicts;

    /// <summary>Records one committed transaction of <paramref name="writes"/> writes.</summary>
    public void RecordCommit(int writes, int conflicts, TimeSpan latency)
    {
        lock (_gate)
        {
            _commits++;
            _writes += writes;
            _conflicts += conflicts;
            _latenciesMs[_latencyNext] = latency.TotalMilliseconds;
            _latencyNext = (_latencyNext + 1) % WindowSize;
            _latencyCount = Math.Min(_latencyCount + 1, WindowSize);
        }
    }

    /// <summary>A consistent copy of the counters.</summary>
    public StorageStatistics Snapshot(string provider, int queueLength)
    {
        double[] window;
        long commits, writes, conflicts;
        lock (_gate)
        {
            commits = _commits;
            writes = _writes;
            conflicts = _conflicts;
            window = _latenciesMs[.._latencyCount];
        }

        Array.Sort(window);
        return new StorageStatistics(
            provider,
            commits,
            writes,
            conflicts,
            commits == 0 ? 0 : (double)writes / commits,
            Percentile(window, 0.50),
            Percentile(window, 0.99),
            queueLength);
    }

    private static double Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
