namespace OrderActors.Bench.Load;

/// <summary>What a closed-loop run did: operations by outcome, latency, and how long it took.</summary>
public sealed record DriverResult(int Sent, IReadOnlyDictionary<int, int> ByStatus, LatencySummary Latency, TimeSpan Elapsed)
{
    public int Count(int status) => ByStatus.TryGetValue(status, out var n) ? n : 0;

    /// <summary>Transport failures and 5xx answers.</summary>
    public int Errors => ByStatus.Where(kv => kv.Key == LoadClient.TransportError || kv.Key >= 500).Sum(kv => kv.Value);
}
