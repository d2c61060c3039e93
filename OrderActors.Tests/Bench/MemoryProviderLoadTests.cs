using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>
/// <c>--provider memory</c>: both servers with no database (the silo's in-memory storage, the baseline server's
/// <c>MemoryBaselineStore</c>), the floor the durable runs are read against. The same checks must hold.
/// </summary>
public sealed class MemoryProviderLoadTests
{
    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task Intake_NoDatabase_EveryOrderAcknowledgedPaidAndStockAddsUp(string target)
    {
        var options = TinyLoad.Options("intake", target) with { Provider = "memory", Requests = 20, Skus = 6 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(20, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(20, report.Counts["payments acknowledged (200)"]);
        Assert.Contains(report.Checks, c => c.Name == "every acknowledged order present");
    }

    [Fact]
    public async Task FlashSale_BaselineWithNoDatabase_SellsExactlyTheUnits()
    {
        var options = TinyLoad.Options("flash-sale", "baseline") with { Provider = "memory", Requests = 30, Units = 11 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(11, report.ByStatus[201]);
        Assert.Equal(19, report.ByStatus[409]);
    }

    [Theory]
    [InlineData("mysql", false, "--provider must be sqlite, postgres or memory (got 'mysql').")]
    [InlineData("memory", true, "--crash needs a database that outlives the server: use --provider sqlite or postgres.")]
    public void ProviderError_ProviderTheRunCannotUse_SaysWhatToUseInstead(string provider, bool crash, string expected)
    {
        var options = TinyLoad.Options("intake", "actors") with { Provider = provider, Crash = crash };

        Assert.Equal(expected, LoadCommand.ProviderError(options));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public void ProviderError_ProviderTheRunCanUse_None(string provider) =>
        Assert.Null(LoadCommand.ProviderError(TinyLoad.Options("intake", "actors") with { Provider = provider }));
}
