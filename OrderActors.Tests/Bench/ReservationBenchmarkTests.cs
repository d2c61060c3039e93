using OrderActors.Bench;
using OrderActors.Bench.InProcess;

namespace OrderActors.Tests.Bench;

/// <summary>The in-process SKU reservation benchmark at a tiny size over SQLite, so it cannot silently rot.</summary>
public sealed class ReservationBenchmarkTests
{
    [Fact]
    public async Task GrainReservations_MoreBuyersThanUnits_BothSellExactlyTheUnits()
    {
        using var output = new StringWriter();

        var exit = await ReservationBenchmark.RunAsync(
            new BenchArgs(["grain-reservations", "--providers", "sqlite", "--requests", "60", "--units", "25", "--concurrency", "8", "--warmup", "20"]), output);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(0, exit);
        var baseline = Assert.Single(lines, l => l.StartsWith("sqlite    baseline", StringComparison.Ordinal));
        var actors = Assert.Single(lines, l => l.StartsWith("sqlite    actors", StringComparison.Ordinal));
        Assert.Equal("25", baseline.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
        Assert.Equal("25", actors.Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
        Assert.Contains("check: every run sold exactly min(units, requests) units, none oversold", lines);
    }
}
