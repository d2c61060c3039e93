using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>The flash-sale load scenario at a tiny size against a real silo process and the baseline server, over SQLite.</summary>
public sealed class FlashSaleLoadTests
{
    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task FlashSale_MoreBuyersThanUnits_SellsExactlyTheUnitsAndRefusesTheRest(string target)
    {
        var options = TinyLoad.Options("flash-sale", target) with { Requests = 40, Units = 15 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(15, report.ByStatus[201]);
        Assert.Equal(25, report.ByStatus[409]);
        Assert.Equal(15, report.Counts["reservations acknowledged (201)"]);
        Assert.True(report.Figures["durable reservations/s (accepted / time to the last acceptance)"] > 0);
    }
}
