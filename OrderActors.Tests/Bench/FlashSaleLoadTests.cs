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

    [Fact]
    public async Task FlashSale_SiloKilledHalfWay_CheckoutsSentAgainSellExactlyTheUnits()
    {
        var options = TinyLoad.Options("flash-sale", "actors") with { Requests = 40, Units = 15, Crash = true };

        var report = await LoadRunner.RunAsync(options);

        // Checkouts the kill left unanswered are sent again (same order number): a unit reserved before the kill goes to
        // its order, so in the end exactly the units are sold to acknowledged orders, and the checks are strict.
        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(40, report.ByStatus.Values.Sum());
        Assert.Equal(15, report.Counts["reservations acknowledged (201)"]);
        Assert.Contains(report.Checks, c => c.Name == "sold exactly the units there were" && c.Detail.StartsWith("15 reservations acknowledged for 15 units", StringComparison.Ordinal));
    }
}
