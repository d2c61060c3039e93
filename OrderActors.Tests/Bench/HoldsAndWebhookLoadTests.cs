using OrderActors.Bench.Load;

namespace OrderActors.Tests.Bench;

/// <summary>The holds and webhook-storm load scenarios at a tiny size against a real silo process over SQLite.</summary>
public sealed class HoldsAndWebhookLoadTests
{
    [Fact]
    public async Task Holds_ShortPaymentHold_EveryHoldExpiresAndLatenessIsMeasured()
    {
        var options = TinyLoad.Options("holds", "actors") with { Requests = 20, Skus = 5, Hold = TimeSpan.FromSeconds(1) };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(20, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(20, report.Counts["holds cancelled (feed)"]);
        Assert.True(report.Figures["hold lateness p99 ms"] >= report.Figures["hold lateness p50 ms"]);
        Assert.True(report.Figures["hold lateness p50 ms"] >= 0, "a hold was cancelled before it was due");
    }

    [Fact]
    public async Task Holds_SiloKilledHalfWay_EveryAcknowledgedHoldStillExpiresAfterTheRestart()
    {
        var options = TinyLoad.Options("holds", "actors") with { Requests = 20, Skus = 5, Hold = TimeSpan.FromSeconds(2), Crash = true };

        var report = await LoadRunner.RunAsync(options);

        // Checkouts the kill left unanswered are sent again, so every order ends acknowledged; among the checks: a
        // cancellation on the feed for each, each read back Cancelled, no stock left reserved, a ledger with 0 drifts.
        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(20, report.Counts["orders acknowledged (201)"]);
        Assert.Equal(20, report.Counts["holds cancelled (feed)"]);
    }

    [Fact]
    public async Task WebhookStorm_RedeliveriesAndBadSignatures_OneOrderPerDistinctDeliveryAndBadOnesRefused()
    {
        var options = TinyLoad.Options("webhook-storm", "actors") with { Requests = 40, Skus = 5, Redeliver = 0.3, BadSignature = 0.15 };

        var report = await LoadRunner.RunAsync(options);

        TinyLoad.AssertChecksPassed(report);
        var first = report.Counts["first deliveries"];
        var redeliveries = report.Counts["redeliveries"];
        var bad = report.Counts["bad signatures"];
        Assert.Equal(40, first + redeliveries + bad);
        Assert.True(redeliveries > 0 && bad > 0, $"the run should mix redeliveries ({redeliveries}) and bad signatures ({bad})");
        Assert.Equal(bad, report.ByStatus[401]);
        Assert.Equal(first + redeliveries, report.ByStatus[200]);
        Assert.Equal(first, report.Counts["distinct orders acknowledged"]);
        Assert.InRange(report.Counts["answers that created an order (duplicate: false)"], first, first + redeliveries);
    }

    [Fact]
    public async Task WebhookStorm_SiloKilledHalfWay_UnansweredDeliveriesSentAgainLeaveEveryOrderOnceAndACleanLedger()
    {
        var options = TinyLoad.Options("webhook-storm", "actors") with { Requests = 40, Skus = 5, Redeliver = 0.3, BadSignature = 0.15, Crash = true };

        var report = await LoadRunner.RunAsync(options);

        // Among the checks: exact stock (no crash allowance), every first delivery's order present, a ledger with 0 drifts.
        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.Equal(40, report.ByStatus.Values.Sum());
        Assert.Equal(report.Counts["first deliveries"], report.Counts["distinct orders acknowledged"]);
        Assert.InRange(report.Counts["deliveries sent again after the crash (no answer before)"], 0, report.ByStatus.GetValueOrDefault(-1));
        Assert.DoesNotContain(report.Figures.Keys, k => k.Contains("per request (", StringComparison.Ordinal) && k.StartsWith("silo:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebhookStorm_SiloKilledAndNothingSentAgain_TheLedgerRepairLeavesTheBooksExact()
    {
        var options = TinyLoad.Options("webhook-storm", "actors") with { Requests = 40, Skus = 5, Redeliver = 0.3, BadSignature = 0.15, Crash = true, NoResend = true };

        var report = await LoadRunner.RunAsync(options);

        // Among the checks, with no allowance: the stock is what the acknowledged orders and those stored before the kill
        // hold, every acknowledged order is present, and the ledger has 0 drifts after the repair.
        TinyLoad.AssertChecksPassed(report);
        Assert.Equal(1, report.Restarts);
        Assert.False(report.Counts.ContainsKey("deliveries sent again after the crash (no answer before)"));
        Assert.InRange(report.Counts["deliveries left unanswered (never sent again)"], 0, report.ByStatus.GetValueOrDefault(-1));
        Assert.True(report.Counts["orders never stored, their stock released by the ledger repair"] <= report.Counts["deliveries left unanswered (never sent again)"]);
    }
}
