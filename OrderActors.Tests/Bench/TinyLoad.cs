using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>
/// Shared by the load-scenario tests: the load generator at a tiny size against real processes over SQLite, so the
/// benchmark tool cannot silently rot. Its invariant checks must pass; figures are never asserted.
/// </summary>
internal static class TinyLoad
{
    public static LoadOptions Options(string scenario, string target) => new()
    {
        Scenario = scenario,
        Target = target,
        Provider = "sqlite",
        Concurrency = 8,
        MaxDuration = TimeSpan.FromSeconds(60),

        // A Debug-built server's JIT thread rarely falls quiet for long; the wait is exercised, not awaited in full.
        WarmupSettleLimit = TimeSpan.FromSeconds(2),
    };

    public static void AssertChecksPassed(ScenarioReport report)
    {
        Assert.NotEmpty(report.Checks);
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(0, report.Errors - (report.Crash ? report.ByStatus.GetValueOrDefault(-1) : 0));
    }
}
