using System.Diagnostics;

namespace OrderActors.Bench;

/// <summary>Collects per-operation latencies from many workers (one list per worker, merged at the end).</summary>
public sealed class LatencyRecorder
{
    private readonly List<long>[] _perWorker;

    public LatencyRecorder(int workers)
    {
        _perWorker = new List<long>[workers];
        for (var i = 0; i < workers; i++)
        {
            _perWorker[i] = new List<long>(4096);
        }
    }

    public void Record(int worker, long startTimestamp) =>
        _perWorker[worker].Add(Stopwatch.GetTimestamp() - startTimestamp);

    public LatencySummary Summarize(TimeSpan elapsed)
    {
        var all = _perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LatencySummary(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99), all.Length == 0 ? 0 : ToMs(all[^1]));
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : ToMs(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
