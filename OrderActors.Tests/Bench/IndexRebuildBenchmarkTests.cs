using OrderActors.Bench;
using OrderActors.Bench.InProcess;

namespace OrderActors.Tests.Bench;

/// <summary>The index rebuild benchmark at a tiny size, so it cannot silently rot; figures are never asserted.</summary>
public sealed class IndexRebuildBenchmarkTests
{
    [Fact]
    public async Task IndexRebuild_ThirtyOrdersIndexFileDeleted_RebuiltIndexListsEveryOrderAndCustomer()
    {
        using var output = new StringWriter();

        var exit = await IndexRebuildBenchmark.RunAsync(
            new BenchArgs(["index-rebuild", "--orders", "30", "--concurrency", "4", "--skus", "10"]), output, TextWriter.Null);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(0, exit);
        Assert.Contains("[ok] the rebuilt index lists all 30 orders as Paid and all 30 customers", lines);
        Assert.Contains(lines, l => l.StartsWith("rebuild   60 grains (30 orders + 30 customers)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("FAILED", StringComparison.Ordinal));
    }
}
