using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>The intake load scenario at a tiny size against a real silo process and the baseline server, over SQLite, with and without a SIGKILL half-way.</summary>
public sealed class IntakeLoadTests
{
    [Theory]
    [InlineData("actors")]
    [InlineData("baseline")]
    public async Task Intake_TinyRun_EveryOrderAcknowledgedPaidAndStockAddsUp(string target)
    {
        var options = TinyLoad.Options("intake", target) with { Requests = 24, Skus = 12 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(24, report.Sent);
        Assert.Equal(24, report.ByStatus[201]);
        Assert.Equal(24, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(24, report.Counts["payments acknowledged (200)"]);
        Assert.Contains(report.Checks, c => c.Name == "reservations add up");
    }

    [Fact]
    public async Task Intake_SiloKilledHalfWay_RestartsAndLosesNothingAcknowledged()
    {
        var options = TinyLoad.Options("intake", "actors") with { Requests = 30, Skus = 8, Crash = true };

        var report = await LoadRunner.RunAsync(options);

        // Checkouts and payments the kill left unanswered are sent again after the restart, so in the end every order is
        // acknowledged and paid, and the checks (stock, ledger) are the strict ones of a run without a crash.
        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(30, report.Sent);
        Assert.Equal(30, report.ByStatus.Values.Sum());
        Assert.Equal(30, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(30, report.Counts["payments acknowledged (200)"]);
    }
}
