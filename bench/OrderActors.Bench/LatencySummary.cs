namespace OrderActors.Bench;

/// <summary>Throughput and latency percentiles of one measured run.</summary>
public sealed record LatencySummary(long Operations, TimeSpan Elapsed, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
