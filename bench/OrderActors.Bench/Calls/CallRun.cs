namespace OrderActors.Bench.Calls;

/// <summary>
/// One measured calls run: calls/s, latency percentiles, allocation and process CPU time per call (CPU per call says what
/// the cores could do even when other processes share them; calls/s is wall clock).
/// </summary>
public sealed record CallRun(string Name, LatencySummary Latency, double BytesPerCall, double CpuMicrosecondsPerCall, int Gen0, int Gen1, int Gen2)
{
    public double PerSecond => Latency.PerSecond;
}
