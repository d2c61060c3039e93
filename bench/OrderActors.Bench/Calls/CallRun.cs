namespace OrderActors.Bench.Calls;

/// <summary>One measured calls run: calls/s, latency percentiles, and allocation per call.</summary>
public sealed record CallRun(string Name, LatencySummary Latency, double BytesPerCall, int Gen0, int Gen1, int Gen2)
{
    public double PerSecond => Latency.PerSecond;
}
