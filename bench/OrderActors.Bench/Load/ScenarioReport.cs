using System.Text.Json.Serialization;

namespace OrderActors.Bench.Load;

/// <summary>Everything one scenario run measured and checked; printed as text and written as JSON.</summary>
public sealed record ScenarioReport
{
    public required string Scenario { get; init; }

    public required string Target { get; init; }

    public required string Provider { get; init; }

    public required int Concurrency { get; init; }

    public required bool Crash { get; init; }

    /// <summary>What the warm-up before the measured run did (null: none); no other figure of the report includes it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WarmupReport? Warmup { get; init; }

    public required int Sent { get; init; }

    public required IReadOnlyDictionary<int, int> ByStatus { get; init; }

    public required int Errors { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required double PerSecond { get; init; }

    public required double P50Ms { get; init; }

    public required double P90Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    public required long PeakRssBytes { get; init; }

    public required double ServerCpuSeconds { get; init; }

    public required int Restarts { get; init; }

    /// <summary>Scenario figures (reservations/s, lateness percentiles, drain rate, …) by name.</summary>
    public required IReadOnlyDictionary<string, double> Figures { get; init; }

    /// <summary>Scenario counts (acknowledged, refused, created, duplicates, …) by name.</summary>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }

    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Notes for the reader (what is not available, what was sampled).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public bool Passed => Checks.All(c => c.Passed);
}
