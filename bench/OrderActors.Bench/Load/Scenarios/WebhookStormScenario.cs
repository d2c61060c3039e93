using System.Collections.Concurrent;
using System.Text.Json;

namespace OrderActors.Bench.Load.Scenarios;

/// <summary>
/// Shopify <c>orders/create</c> webhooks (paid) over <see cref="LoadOptions.Skus"/> SKUs: a share are redeliveries of an
/// earlier delivery (same body, same <c>X-Shopify-Webhook-Id</c>, possibly while the first is still in flight) and a
/// share carry a bad signature. Expected: 200 for first deliveries and redeliveries, 401 for bad signatures, exactly one
/// order per distinct delivery, nothing stored for a bad signature, no stock reserved twice. The warm-up sends the same
/// mix with delivery ids (<c>warm-wh-…</c>), Shopify order ids, buyers and SKUs (<c>WARM-…</c>) of its own, and is
/// counted in none of the checks (they count measured deliveries and the measured SKUs' stock only).
/// With <see cref="LoadOptions.Crash"/>, a delivery that got no answer (in flight at the kill, or sent while the silo
/// restarted) is delivered again after the load, as a marketplace retries a webhook that got no 2xx; the checks then
/// expect exactly what they expect without a crash: every delivery's order once, the stock it holds, a clean ledger.
/// With <see cref="LoadOptions.NoResend"/> nothing is sent again (a marketplace that gives up): the ledger repair runs
/// instead, and the checks expect the stock of the acknowledged orders and of those stored before the kill whose answer
/// was lost, and a clean ledger, with no allowance.
/// </summary>
public sealed class WebhookStormScenario(LoadOptions options) : LoadScenario(options)
{
    private const long FirstOrderId = 7_100_000_000_000;
    private const long FirstWarmupOrderId = 7_200_000_000_000;
    private const string WrongSecret = "not-the-shopify-secret";
    private const byte UnansweredDelivery = 1;
    private const byte UnansweredBadSignature = 2;
    private static readonly HashSet<string> PaidStatuses = ["Paid", "Allocated"];

    // Every body of the run carries this payment time, so a redelivery is the same bytes as its first delivery.
    private readonly DateTimeOffset _paidAt = options.Clock.GetUtcNow();
    private readonly byte[] _acknowledged = new byte[options.Requests];
    private readonly byte[] _unanswered = new byte[options.Requests];
    private readonly ConcurrentDictionary<string, int> _unexpected = new();
    private long _createdAnswers;
    private IReadOnlyList<int> _lost = [];

    private enum Kind
    {
        First,
        Redelivery,
        BadSignature,
    }

    public IReadOnlyList<string> SkuCodes { get; } = Enumerable.Range(0, options.Skus).Select(Payloads.Sku).ToList();

    public override bool SupportsWarmup => true;

    public override Task SetupAsync(LoadClient client, CancellationToken cancellationToken) =>
        InvariantChecks.ReceiveStockAsync(client, SkuCodes, 10_000_000, cancellationToken);

    public override Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken) =>
        InvariantChecks.ReceiveStockAsync(client, Enumerable.Range(0, Options.Skus).Select(Payloads.WarmupSku).ToList(), 10_000_000, cancellationToken);

    public override async Task<int> WarmupOperationAsync(LoadClient client, int index)
    {
        var kind = KindOf(index);
        var payloadIndex = kind == Kind.Redelivery ? RedeliveryOf(index) : index;
        var body = Payloads.ShopifyOrder(FirstWarmupOrderId + payloadIndex, Payloads.WarmupBuyers + payloadIndex, Payloads.WarmupSku(SkuOf(payloadIndex)), Quantity(payloadIndex), _paidAt);
        var (status, _) = await DeliverAsync(client, body, $"warm-wh-{payloadIndex}", kind == Kind.BadSignature);
        return status;
    }

    public override async Task<int> OperationAsync(LoadClient client, int index)
    {
        var kind = KindOf(index);
        var payloadIndex = kind == Kind.Redelivery ? RedeliveryOf(index) : index;
        var (status, answer) = await DeliverAsync(client, Body(payloadIndex), $"wh-{payloadIndex}", kind == Kind.BadSignature);
        var expected = kind == Kind.BadSignature ? 401 : 200;
        if (status == LoadClient.TransportError && Options.Crash)
        {
            // Sent again after the load (AfterLoadAsync); a bad signature's own index is never another delivery's payload.
            _unanswered[payloadIndex] = kind == Kind.BadSignature ? UnansweredBadSignature : UnansweredDelivery;
        }
        else if (status != expected)
        {
            _unexpected.AddOrUpdate($"{kind} answered {status}", 1, static (_, n) => n + 1);
        }

        Acknowledge(payloadIndex, kind, status, answer);
        Increment(kind switch { Kind.First => "first deliveries", Kind.Redelivery => "redeliveries", _ => "bad signatures" });
        return status;
    }

    /// <summary>
    /// After a crash: delivers again, one at a time, each delivery that got no answer and no later 200 (a marketplace
    /// retries those; a bad signature sent again must still get 401).
    /// </summary>
    public override async Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken)
    {
        if (!Options.Crash)
        {
            return;
        }

        // A delivery acknowledged after all (a redelivery of it got 200) needs nothing more.
        for (var i = 0; i < _unanswered.Length; i++)
        {
            if (_acknowledged[i] == 1)
            {
                _unanswered[i] = 0;
            }
        }

        if (Options.NoResend)
        {
            await RepairInsteadOfResendingAsync(client, cancellationToken);
            return;
        }

        await SendUnansweredAgainAsync(_unanswered, "deliveries sent again after the crash (no answer before)", async i =>
        {
            var bad = _unanswered[i] == UnansweredBadSignature;
            var (status, answer) = await SendAgainAsync(() => DeliverAsync(client, Body(i), $"wh-{i}", bad), a => a.Status, cancellationToken);
            if (status != (bad ? 401 : 200))
            {
                _unexpected.AddOrUpdate($"{(bad ? "bad signature" : "delivery")} sent again after the crash answered {status}", 1, static (_, n) => n + 1);
                return false;
            }

            Acknowledge(i, bad ? Kind.BadSignature : Kind.First, status, answer);
            return true;
        });
    }

    public override async Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var distinct = Enumerable.Range(0, Options.Requests).Where(i => _acknowledged[i] == 1).ToList();
        var bad = Enumerable.Range(0, Options.Requests).Where(i => KindOf(i) == Kind.BadSignature).Select(OrderId).ToList();
        Counts["distinct orders acknowledged"] = distinct.Count;
        Counts["answers that created an order (duplicate: false)"] = Interlocked.Read(ref _createdAnswers);
        foreach (var (what, n) in _unexpected)
        {
            Counts[$"unexpected: {what}"] = n;
        }

        var expected = distinct.Sum(i => (long)Quantity(i));
        if (_lost.Count > 0)
        {
            // Never sent again: those stored before the kill (their answer lost) hold their stock; the others hold none
            // once the repair released what the kill left.
            var written = (await InvariantChecks.WrittenAsync(client, [.. _lost.Select(OrderId)], cancellationToken)).ToHashSet();
            var writtenLost = _lost.Where(i => written.Contains(OrderId(i))).ToList();
            Counts["deliveries left unanswered whose order was stored anyway"] = writtenLost.Count;
            expected += writtenLost.Sum(i => (long)Quantity(i));
        }

        var checks = new List<CheckResult>
        {
            new("every delivery answered as expected", _unexpected.IsEmpty,
                _unexpected.IsEmpty
                    ? "200 for deliveries and redeliveries, 401 for bad signatures" + (!Options.Crash ? string.Empty
                        : Options.NoResend ? "; the deliveries the crash left unanswered were not sent again"
                        : "; every delivery with no answer at the crash got its answer when sent again")
                    : string.Join(", ", _unexpected.Select(kv => $"{kv.Key}: {kv.Value}"))),
        };
        var created = Interlocked.Read(ref _createdAnswers);
        if (created != distinct.Count)
        {
            // One order per key is checked by the stock and order checks below; this is the answer's flag only.
            Notes.Enqueue($"{created:N0} answers said duplicate: false for {distinct.Count:N0} distinct deliveries "
                          + (created > distinct.Count
                              ? "(a redelivery racing its first delivery can be told it created the order too)"
                              : "(a delivery whose order was stored before the kill, its answer lost, is told duplicate: true when sent again)"));
        }

        // Strict after a crash too: every delivery without an answer was sent again, so every order that holds stock was
        // acknowledged in the end, and what the SKUs hold must be exactly what the acknowledged orders need.
        checks.AddRange(await InvariantChecks.CheckStockAsync(client, SkuCodes, expected, crashed: false, cancellationToken));
        checks.Add(await InvariantChecks.CheckOrdersPresentAsync(client, distinct.Select(OrderId).ToList(), PaidStatuses, Options.VerifyMax, cancellationToken));
        var badSample = bad.Take(Math.Min(bad.Count, Options.VerifyMax)).ToList();
        checks.Add(await InvariantChecks.CheckOrdersAbsentAsync("bad signatures stored nothing", client, badSample, cancellationToken));
        if (await InvariantChecks.CheckLedgerAsync(client, Notes, cancellationToken) is { } ledger)
        {
            checks.Add(ledger);
        }

        return checks;
    }

    /// <summary>After a crash with <see cref="LoadOptions.NoResend"/>: the deliveries left unanswered, then the ledger repair.</summary>
    private async Task RepairInsteadOfResendingAsync(LoadClient client, CancellationToken cancellationToken)
    {
        _lost = [.. Enumerable.Range(0, _unanswered.Length).Where(i => _unanswered[i] == UnansweredDelivery && _acknowledged[i] == 0)];
        Counts["deliveries left unanswered (never sent again)"] = _lost.Count;
        var (status, body) = await client.PostForBodyAsync("/api/admin/ledger/repair", [], cancellationToken: cancellationToken);
        if (status != 200 || body is null)
        {
            _unexpected.AddOrUpdate($"ledger repair answered {status}", 1, static (_, n) => n + 1);
            return;
        }

        using var document = JsonDocument.Parse(body);
        var released = document.RootElement.GetProperty("released");
        Counts["orders never stored, their stock released by the ledger repair"] = released.GetArrayLength();
        Counts["ledger drifts before the repair"] = document.RootElement.GetProperty("before").GetProperty("drifts").GetArrayLength();
    }

    private void Acknowledge(int payloadIndex, Kind kind, int status, byte[]? answer)
    {
        if (status != 200 || kind == Kind.BadSignature)
        {
            return;
        }

        _acknowledged[payloadIndex] = 1;
        using var document = JsonDocument.Parse(answer!);
        if (document.RootElement.TryGetProperty("duplicate", out var duplicate) && !duplicate.GetBoolean())
        {
            Interlocked.Increment(ref _createdAnswers);
        }
    }

    private static Task<(int Status, byte[]? Body)> DeliverAsync(LoadClient client, byte[] body, string webhookId, bool badSignature)
    {
        var headers = new[]
        {
            ("X-Shopify-Hmac-Sha256", Payloads.ShopifySignature(body, badSignature ? WrongSecret : ServerLauncher.ShopifySecret)),
            ("X-Shopify-Webhook-Id", webhookId),
            ("X-Shopify-Topic", "orders/create"),
        };
        // No API key: a marketplace has none; the signature is its only credential.
        return client.PostForBodyAsync("/webhooks/shopify", body, headers, anonymous: true);
    }

    private static string OrderId(int index) => $"shopify-{FirstOrderId + index}";

    private byte[] Body(int index) => Payloads.ShopifyOrder(FirstOrderId + index, index, Payloads.Sku(SkuOf(index)), Quantity(index), _paidAt);

    private int SkuOf(int index) => (int)(Payloads.Uniform(Options.Seed, index) * Options.Skus);

    private int Quantity(int index) => 1 + (int)(Payloads.Uniform(Options.Seed + 2, index) * 2);

    private Kind KindOf(int index)
    {
        var r = Payloads.Uniform(Options.Seed + 3, index);
        return r < Options.BadSignature ? Kind.BadSignature
            : r < Options.BadSignature + Options.Redeliver && RedeliveryOf(index) >= 0 ? Kind.Redelivery
            : Kind.First;
    }

    /// <summary>An earlier first delivery to send again (-1 when there is none yet).</summary>
    private int RedeliveryOf(int index)
    {
        for (var j = (int)(Payloads.Uniform(Options.Seed + 4, index) * index); j >= 0; j--)
        {
            var r = Payloads.Uniform(Options.Seed + 3, j);
            if (r >= Options.BadSignature + Options.Redeliver)
            {
                return j;
            }
        }

        return -1;
    }
}
