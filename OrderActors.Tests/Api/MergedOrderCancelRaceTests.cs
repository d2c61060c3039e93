using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;
using Xunit.Abstractions;
using static OrderActors.Tests.Api.MergedOrders;

namespace OrderActors.Tests.Api;

/// <summary>
/// A merge target is cancelled on the channel at the moment the buyer changes, or asks a refund of, the order merged
/// into it. The target's turn calls the merged-in order (to learn its lines, then to restore it) while the merged-in
/// order's turn calls the target (to have its lines taken out): a wait cycle, which the runtime refuses (409
/// <c>request.conflict</c>) and the marketplace retries. Whichever wins, and after the retry of what was refused, the
/// orders, stock and ledger end the same.
/// </summary>
public sealed class MergedOrderCancelRaceTests(ITestOutputHelper output)
{
    private const int Rounds = 15;
    private const string NewDetail = "文一西路 969 号";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TargetCancelledOnChannel_WhileTheMergedInOrderMovesOnChannel_EndsTheSameWhicheverWins(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-MC1", 1000);
        await admin.ReceiveStockAsync("SKU-MC2", 1000);
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var pair = await MergedPairAsync(host, admin, "RA", round);

            var answers = await ApiTestHostExtensions.AtOnceAsync(
                () => host.PostWebhookAsync("taobao", Closing(pair.TargetTrade), deliveryId: $"ra-cancel-{round}"),
                () => host.PostWebhookAsync("taobao", Modified(pair.MergedTrade, "2026-11-21 11:00:00", NewDetail), deliveryId: $"ra-move-{round}"));
            var before = await SnapshotAsync(admin, pair, answers);
            var key = $"{(round % 2 == 0 ? "target" : "merged-in")} id smaller: {answers[0].StatusCode}/{answers[1].StatusCode}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            await RetryRefusedAsync(answers, [
                () => host.PostWebhookAsync("taobao", Closing(pair.TargetTrade), deliveryId: $"ra-cancel-{round}"),
                () => host.PostWebhookAsync("taobao", Modified(pair.MergedTrade, "2026-11-21 11:00:00", NewDetail), deliveryId: $"ra-move-{round}")]);

            var target = await admin.GetOrderAsync(pair.Target);
            Assert.Equal("Cancelled", target.Status);
            Assert.Equal([pair.MergedIn], target.UnmergedFrom);
            Assert.Equal([("SKU-MC1", 2)], target.Lines.Select(l => (l.Sku, l.Quantity)));
            var own = await admin.GetOrderAsync(pair.MergedIn);
            Assert.Equal(("Paid", (string?)null, NewDetail), (own.Status, own.MergedInto, own.Address.Detail));
            Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], own.Lines.Select(l => (l.Sku, l.Quantity)));
            Assert.Equal(199.00m, own.PaidAmount!.Value);
            Assert.Empty(own.Holds);
            var history = await HistoryAsync(admin, pair.MergedIn);
            Assert.Equal(1, history.Count(t => t == "order.unmerged_from"));
            Assert.Equal(1, history.Count(t => t == "order.address_changed_on_channel"));
            await AssertRefusedChangedNothingAsync(admin, pair, answers, before, "order.address_changed_on_channel");
        }

        await admin.AssertStockAsync("SKU-MC1", (1000, Rounds, 0, 1000 - Rounds));
        await admin.AssertStockAsync("SKU-MC2", (1000, Rounds, 0, 1000 - Rounds));
        await admin.AssertLedgerCleanAsync();
        output.WriteLine(string.Join("; ", outcomes.Select(o => $"{o.Key} × {o.Value}")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TargetCancelledOnChannel_WhileTheMergedInOrdersBuyerAsksARefund_EndsTheSameWhicheverWins(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-MC1", 1000);
        await admin.ReceiveStockAsync("SKU-MC2", 1000);
        var outcomes = new Dictionary<string, int>();
        for (var round = 0; round < Rounds; round++)
        {
            var pair = await MergedPairAsync(host, admin, "RB", round);

            var answers = await ApiTestHostExtensions.AtOnceAsync(
                () => host.PostWebhookAsync("taobao", Closing(pair.TargetTrade), deliveryId: $"rb-cancel-{round}"),
                () => admin.PostAsJsonAsync($"/api/orders/{pair.MergedIn}/return-requests", new ReasonRequest("buyer: changed my mind")));
            var before = await SnapshotAsync(admin, pair, answers);
            var key = $"{(round % 2 == 0 ? "target" : "merged-in")} id smaller: {answers[0].StatusCode}/{answers[1].StatusCode}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            await RetryRefusedAsync(answers, [
                () => host.PostWebhookAsync("taobao", Closing(pair.TargetTrade), deliveryId: $"rb-cancel-{round}"),
                () => admin.PostAsJsonAsync($"/api/orders/{pair.MergedIn}/return-requests", new ReasonRequest("buyer: changed my mind"))]);

            var target = await admin.GetOrderAsync(pair.Target);
            Assert.Equal("Cancelled", target.Status);
            Assert.Equal([pair.MergedIn], target.UnmergedFrom);
            var own = await admin.GetOrderAsync(pair.MergedIn);
            Assert.Equal(("Cancelled", (string?)null), (own.Status, own.MergedInto));
            Assert.Equal([("SKU-MC1", 1), ("SKU-MC2", 1)], own.Lines.Select(l => (l.Sku, l.Quantity)));
            var history = await HistoryAsync(admin, pair.MergedIn);
            Assert.Equal(1, history.Count(t => t == "order.unmerged_from"));
            Assert.Equal(1, history.Count(t => t == "order.cancelled"));
            await AssertRefusedChangedNothingAsync(admin, pair, answers, before, "order.cancelled");
        }

        await admin.AssertStockAsync("SKU-MC1", (1000, 0, 0, 1000));
        await admin.AssertStockAsync("SKU-MC2", (1000, 0, 0, 1000));
        await admin.AssertLedgerCleanAsync();
        output.WriteLine(string.Join("; ", outcomes.Select(o => $"{o.Key} × {o.Value}")));
    }

    private sealed record Pair(string Target, string MergedIn, string TargetTrade, string MergedTrade);

    /// <summary>
    /// One buyer's two Taobao trades (2 × SKU-MC1; 1 × SKU-MC1 and 1 × SKU-MC2), the second merged into the first. The
    /// runtime refuses the call of the cycle whose sender has the smaller id: the target's id is the smaller in even
    /// rounds, the merged-in order's in odd ones, so both sides are refused in turn.
    /// </summary>
    private static async Task<Pair> MergedPairAsync(ApiTestHost host, HttpClient admin, string prefix, int round)
    {
        var phone = $"1381115{round:0000}";
        var (t, m) = round % 2 == 0 ? ($"{prefix}{round}-1", $"{prefix}{round}-2") : ($"{prefix}{round}-2", $"{prefix}{round}-1");
        var pair = new Pair($"taobao-{t}", $"taobao-{m}", Trade(t, phone, ("SKU-MC1", 2)), Trade(m, phone, ("SKU-MC1", 1), ("SKU-MC2", 1)));
        (await host.PostWebhookAsync("taobao", pair.TargetTrade)).EnsureSuccessStatusCode();
        (await host.PostWebhookAsync("taobao", pair.MergedTrade)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest(pair.Target, [pair.MergedIn]))).EnsureSuccessStatusCode();
        return pair;
    }

    /// <summary>Each order's history after the race, before any retry: a refused call must have appended nothing.</summary>
    private static async Task<(List<string> Target, List<string> MergedIn)> SnapshotAsync(HttpClient admin, Pair pair, HttpResponseMessage[] answers)
    {
        foreach (var answer in answers.Where(a => !a.IsSuccessStatusCode))
        {
            // The only refusal a race may give: the runtime's wait-cycle check, retryable, saying when.
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.Conflict && body.Contains("\"request.conflict\"", StringComparison.Ordinal), $"{answer.StatusCode}: {body}");
            Assert.Equal(TimeSpan.FromSeconds(1), answer.Headers.RetryAfter?.Delta);
        }

        return (await HistoryAsync(admin, pair.Target), await HistoryAsync(admin, pair.MergedIn));
    }

    /// <summary>The marketplace (or the person) retries what was refused, as the 409's Retry-After says; the retry succeeds.</summary>
    private static async Task RetryRefusedAsync(HttpResponseMessage[] answers, Func<Task<HttpResponseMessage>>[] calls)
    {
        for (var i = 0; i < answers.Length; i++)
        {
            if (!answers[i].IsSuccessStatusCode)
            {
                var retry = await calls[i]();
                Assert.True(retry.IsSuccessStatusCode, $"retry of call {i}: {retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>
    /// A refused call appended nothing: before its retry its order's history had no <paramref name="mergedInMark"/> (or target cancellation) event of it
    /// (the target's cancellation, the merged-in order's change), and after the retry exactly one.
    /// </summary>
    private static async Task AssertRefusedChangedNothingAsync(HttpClient admin, Pair pair, HttpResponseMessage[] answers, (List<string> Target, List<string> MergedIn) before, string mergedInMark)
    {
        var refused = new[] { (pair.Target, before.Target, "order.cancelled"), (pair.MergedIn, before.MergedIn, mergedInMark) };
        for (var i = 0; i < answers.Length; i++)
        {
            if (!answers[i].IsSuccessStatusCode)
            {
                var (id, history, mark) = refused[i];
                Assert.DoesNotContain(mark, history);
                Assert.Equal(1, (await HistoryAsync(admin, id)).Count(t => t == mark));
            }
        }
    }
}
