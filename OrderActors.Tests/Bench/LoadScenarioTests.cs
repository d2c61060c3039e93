using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>
/// The load generator at a tiny size against a real silo process (and the baseline server) over SQLite: each scenario's
/// invariant checks pass and its counts add up, so the benchmark tool cannot silently rot. Figures are not asserted.
/// </summary>
public sealed class LoadScenarioTests
{
    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task Intake_TinyRun_EveryOrderAcknowledgedPaidAndStockAddsUp(string target)
    {
        var options = Tiny("intake", target) with { Requests = 24, Skus = 12 };

        var report = await LoadRunner.RunAsync(options);

        AssertChecksPassed(report);
        Assert.Equal(24, report.Sent);
        Assert.Equal(24, report.ByStatus[201]);
        Assert.Equal(24, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(24, report.Counts["payments acknowledged (200)"]);
        Assert.Contains(report.Checks, c => c.Name == "reservations add up");
    }

    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task FlashSale_MoreBuyersThanUnits_SellsExactlyTheUnitsAndRefusesTheRest(string target)
    {
        var options = Tiny("flash-sale", target) with { Requests = 40, Units = 15 };

        var report = await LoadRunner.RunAsync(options);

        AssertChecksPassed(report);
        Assert.Equal(15, report.ByStatus[201]);
        Assert.Equal(25, report.ByStatus[409]);
        Assert.Equal(15, report.Counts["reservations acknowledged (201)"]);
        Assert.True(report.Figures["durable reservations/s (accepted / time to the last acceptance)"] > 0);
    }

    [Fact]
    public async Task Holds_ShortPaymentHold_EveryHoldExpiresAndLatenessIsMeasured()
    {
        var options = Tiny("holds", "actors") with { Requests = 20, Skus = 5, Hold = TimeSpan.FromSeconds(1) };

        var report = await LoadRunner.RunAsync(options);

        AssertChecksPassed(report);
        Assert.Equal(20, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(20, report.Counts["holds cancelled (feed)"]);
        Assert.True(report.Figures["hold lateness p99 ms"] >= report.Figures["hold lateness p50 ms"]);
        Assert.True(report.Figures["hold lateness p50 ms"] >= 0, "a hold was cancelled before it was due");
    }

    [Fact]
    public async Task WebhookStorm_RedeliveriesAndBadSignatures_OneOrderPerDistinctDeliveryAndBadOnesRefused()
    {
        var options = Tiny("webhook-storm", "actors") with { Requests = 40, Skus = 5, Redeliver = 0.3, BadSignature = 0.15 };

        var report = await LoadRunner.RunAsync(options);

        AssertChecksPassed(report);
        var first = report.Counts["first deliveries"];
        var redeliveries = report.Counts["redeliveries"];
        var bad = report.Counts["bad signatures"];
        Assert.Equal(40, first + redeliveries + bad);
        Assert.True(redeliveries > 0 && bad > 0, $"the run should mix redeliveries ({redeliveries}) and bad signatures ({bad})");
        Assert.Equal(bad, report.ByStatus[401]);
        Assert.Equal(first + redeliveries, report.ByStatus[200]);
        Assert.Equal(first, report.Counts["distinct orders acknowledged"]);
        Assert.Equal(first, report.Counts["answers that created an order (duplicate: false)"]);
    }

    [Fact]
    public async Task Intake_SiloKilledHalfWay_RestartsAndLosesNothingAcknowledged()
    {
        var options = Tiny("intake", "actors") with { Requests = 30, Skus = 8, Crash = true };

        var report = await LoadRunner.RunAsync(options);

        AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(30, report.Sent);
        Assert.Equal(report.ByStatus.GetValueOrDefault(201), report.Counts["orders acknowledged (201)"]);
        Assert.Equal(30, report.ByStatus.Values.Sum());
    }

    private static LoadOptions Tiny(string scenario, string target) => new()
    {
        Scenario = scenario,
        Target = target,
        Provider = "sqlite",
        Concurrency = 8,
        MaxDuration = TimeSpan.FromSeconds(60),
    };

    private static void AssertChecksPassed(ScenarioReport report)
    {
        Assert.NotEmpty(report.Checks);
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(0, report.Errors - (report.Crash ? report.ByStatus.GetValueOrDefault(-1) : 0));
    }
}
