namespace OrderActors.Bench.Load;

/// <summary>The silo's running totals from <c>GET /api/admin/cluster</c> at one moment (the end of a warm-up).</summary>
internal sealed record ClusterCounters(long Writes, long Commits, long Calls);
