using System.Text.Json;

namespace OrderActors.Bench.Load;

/// <summary>The silo's running totals from <c>GET /api/admin/cluster</c> at one moment.</summary>
internal sealed record ClusterCounters(long Writes, long Commits, long Calls)
{
    public static readonly ClusterCounters Zero = new(0, 0, 0);

    /// <summary>Reads the totals from the endpoint's body (0 for what it does not report).</summary>
    public static ClusterCounters From(JsonElement body)
    {
        var storage = body.TryGetProperty("storage", out var s) && s.ValueKind == JsonValueKind.Object ? s : (JsonElement?)null;
        return new ClusterCounters(
            storage?.GetProperty("writes").GetInt64() ?? 0,
            storage?.GetProperty("commits").GetInt64() ?? 0,
            body.TryGetProperty("callsTotal", out var calls) ? calls.GetInt64() : 0);
    }
}
