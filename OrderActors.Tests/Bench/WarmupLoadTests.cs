using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>
/// The load scenarios at a tiny size with a warm-up first: the warm-up runs on keys of its own, so the measured run's
/// answers, counts and checks are exactly those of its own requests, and the server's ledger check (over everything) passes.
/// </summary>
public sealed class WarmupLoadTests
{
    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task Intake_WithWarmup_MeasuredCountsAreTheMeasuredOrdersOnly(string target)
    {
        var options = TinyLoad.Options("intake", target) with { Requests = 24, Skus = 12, Warmup = 30 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        var warmup = Assert.IsType<WarmupReport>(report.Warmup);
        Assert.Equal(30, warmup.Sent);
        Assert.Equal(30, warmup.ByStatus[201]);
        Assert.Equal(24, report.Sent);
        Assert.Equal(24, report.ByStatus.Values.Sum());
        Assert.Equal(24, report.ByStatus[201]);
        Assert.Equal(24, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(24, report.Counts["payments acknowledged (200)"]);
        Assert.Contains(report.Checks, c => c.Name == "reservations add up" && c.Detail.Contains("acknowledged orders hold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Intake_WithWarmupOnTheSilo_SiloFiguresCountFromTheEndOfTheWarmup()
    {
        var options = TinyLoad.Options("intake", "actors") with { Requests = 16, Skus = 6, Warmup = 16 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Contains(report.Checks, c => c.Name == "ledger check");
        Assert.Contains("silo: durable writes per request (after the warm-up)", report.Figures.Keys);
        Assert.DoesNotContain("silo: durable writes per request (since start)", report.Figures.Keys);
    }

    [Fact]
    public async Task Intake_WithWarmupAndSiloKilledHalfWay_CrashesInTheMeasuredRunAndLosesNothingAcknowledged()
    {
        var options = TinyLoad.Options("intake", "actors") with { Requests = 30, Skus = 8, Crash = true, Warmup = 20 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(20, report.Warmup!.Sent);
        Assert.Equal(0, report.Warmup.Errors);
        Assert.Equal(30, report.Sent);
        Assert.Equal(30, report.ByStatus.Values.Sum());
        Assert.Equal(30, report.Counts["orders acknowledged (201)"]);
    }

    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task FlashSale_WithWarmup_WarmupSellsItsOwnSkusAndTheMeasuredSkuKeepsAllItsUnits(string target)
    {
        var options = TinyLoad.Options("flash-sale", target) with { Requests = 40, Units = 15, Warmup = 30 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        var warmup = Assert.IsType<WarmupReport>(report.Warmup);
        Assert.Equal(3 + 1, warmup.ByStatus[201]);
        Assert.Equal(26, warmup.ByStatus[409]);
        Assert.Equal(15, report.ByStatus[201]);
        Assert.Equal(25, report.ByStatus[409]);
        Assert.Equal(15, report.Counts["reservations acknowledged (201)"]);
    }

    [Fact]
    public async Task WebhookStorm_WithWarmup_OneOrderPerMeasuredDistinctDelivery()
    {
        var options = TinyLoad.Options("webhook-storm", "actors") with { Requests = 40, Skus = 5, Redeliver = 0.3, BadSignature = 0.15, Warmup = 40 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        var warmup = Assert.IsType<WarmupReport>(report.Warmup);
        Assert.True(warmup.ByStatus.GetValueOrDefault(200) > 0 && warmup.ByStatus.GetValueOrDefault(401) > 0, "the warm-up should mix deliveries and bad signatures");
        var first = report.Counts["first deliveries"];
        var redeliveries = report.Counts["redeliveries"];
        var bad = report.Counts["bad signatures"];
        Assert.Equal(40, first + redeliveries + bad);
        Assert.Equal(bad, report.ByStatus[401]);
        Assert.Equal(first + redeliveries, report.ByStatus[200]);
        Assert.Equal(first, report.Counts["distinct orders acknowledged"]);
        Assert.InRange(report.Counts["answers that created an order (duplicate: false)"], first, first + redeliveries);
    }

    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task HttpFloor_WithWarmup_CountsOnlyTheMeasuredRequests(string target)
    {
        var options = TinyLoad.Options("http-floor", target) with { Requests = 30, Warmup = 10 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(10, report.Warmup!.ByStatus[200]);
        Assert.Equal(30, report.Sent);
        Assert.Equal(30, report.ByStatus[200]);
    }

    [Fact]
    public async Task Holds_WithWarmup_IsRefusedBeforeAnyServerStarts()
    {
        var options = TinyLoad.Options("holds", "actors") with { Requests = 10, Warmup = 5 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LoadRunner.RunAsync(options));

        Assert.Contains("--warmup 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_WithWarmup_ShowsItOnItsOwnLineAsNotMeasured()
    {
        var report = Report(new WarmupReport(5_000, 5_000, 4.0, new Dictionary<int, int> { [201] = 5_000 }, 0) { SettleSeconds = 2.5, JitCpuSeconds = 3.1 });
        using var output = new StringWriter();

        ReportPrinter.Print(report, output);

        var line = Assert.Single(output.ToString().Split('\n'), l => l.TrimStart().StartsWith("warm-up", StringComparison.Ordinal));
        Assert.Contains("5,000 of 5,000 in 4.00 s = 1,250/s", line, StringComparison.Ordinal);
        Assert.Contains("then 2.5 s idle until the tier-1 JIT was quiet", line, StringComparison.Ordinal);
        Assert.Contains("NOT MEASURED", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_WithoutWarmup_HasNoWarmupLine()
    {
        using var output = new StringWriter();

        ReportPrinter.Print(Report(null), output);

        Assert.DoesNotContain("warm-up", output.ToString(), StringComparison.Ordinal);
    }

    private static ScenarioReport Report(WarmupReport? warmup) => new()
    {
        Scenario = "intake",
        Target = "actors",
        Provider = "sqlite",
        Concurrency = 8,
        Crash = false,
        Warmup = warmup,
        Sent = 10,
        ByStatus = new Dictionary<int, int> { [201] = 10 },
        Errors = 0,
        ElapsedSeconds = 1,
        PerSecond = 10,
        P50Ms = 1,
        P90Ms = 2,
        P99Ms = 3,
        MaxMs = 4,
        PeakRssBytes = 1 << 20,
        ServerCpuSeconds = 1,
        Restarts = 0,
        Figures = new Dictionary<string, double>(),
        Counts = new Dictionary<string, long>(),
        Checks = [],
        Notes = [],
    };
}
