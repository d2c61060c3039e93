namespace OrderActors.Bench.Load.Scenarios;

/// <summary>
/// Own-store checkout of 1–3 lines (quantity 1–3) over <see cref="LoadOptions.Skus"/> SKUs with ample stock, then payment.
/// One operation = <c>POST /api/orders</c> + <c>POST /api/orders/{id}/payment</c>. The warm-up places and pays the same
/// orders over as many SKUs of its own (<c>WARM-…</c>), with external numbers (<c>warm-…</c>) and buyers of its own.
/// </summary>
public sealed class IntakeScenario(LoadOptions options) : LoadScenario(options)
{
    private const int StockPerSku = 10_000_000;
    private static readonly HashSet<string> PaidStatuses = ["Paid", "Allocated", "Packed", "Shipped", "Delivered", "Completed"];

    private readonly byte[] _acknowledged = new byte[options.Requests];
    private readonly byte[] _paid = new byte[options.Requests];
    private readonly byte[] _unanswered = new byte[options.Requests];

    public override bool SupportsBaseline => true;

    public override bool SupportsWarmup => true;

    public IReadOnlyList<string> SkuCodes { get; } = Enumerable.Range(0, options.Skus).Select(Payloads.Sku).ToList();

    public override Task SetupAsync(LoadClient client, CancellationToken cancellationToken) =>
        InvariantChecks.ReceiveStockAsync(client, SkuCodes, StockPerSku, cancellationToken);

    public override Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken) =>
        InvariantChecks.ReceiveStockAsync(client, Enumerable.Range(0, Options.Skus).Select(Payloads.WarmupSku).ToList(), StockPerSku, cancellationToken);

    public override async Task<int> WarmupOperationAsync(LoadClient client, int index)
    {
        var lines = IntakeLines.For(Options.Seed, index, Options.Skus, Payloads.WarmupSku);
        var (status, _) = await PlaceAndPayAsync(client, $"warm-{index}", Payloads.WarmupBuyers + index, lines, $"warm-pay-{index}");
        return status;
    }

    public override async Task<int> OperationAsync(LoadClient client, int index)
    {
        var lines = Lines(index);
        var (status, payment) = await PlaceAndPayAsync(client, ExternalNo(index), index, lines, PaymentId(index));
        if (status != 201)
        {
            _unanswered[index] = status == LoadClient.TransportError ? (byte)1 : (byte)0;
            return status;
        }

        _acknowledged[index] = 1;
        if (payment == 200)
        {
            _paid[index] = 1;
        }
        else
        {
            Increment($"payment status {payment}");
            _unanswered[index] = payment == LoadClient.TransportError ? (byte)2 : (byte)0;
        }

        return status;
    }

    /// <summary>
    /// After a crash: a checkout or payment the kill left unanswered is sent again (same order number, same payment id), as
    /// a storefront retries; when every one of them got its answer, the checks are the strict ones of a run without a crash.
    /// </summary>
    public override async Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken)
    {
        if (!Options.Crash)
        {
            return;
        }

        await SendUnansweredAgainAsync(_unanswered, "checkouts or payments sent again after the crash (no answer before)", async i =>
        {
            if (_unanswered[i] == 1)
            {
                // 200: the first try was stored before the kill, and the API answers a number used again for the same
                // lines with the order it is.
                var placed = await SendAgainAsync(() => PlaceAsync(client, ExternalNo(i), i, Lines(i)), s => s, cancellationToken);
                if (placed is not (201 or 200))
                {
                    UnexpectedAfterCrash("checkout", placed);
                    return false;
                }

                _acknowledged[i] = 1;
            }

            var paid = await SendAgainAsync(() => PayAsync(client, ExternalNo(i), Lines(i), PaymentId(i)), s => s, cancellationToken);
            if (paid != 200)
            {
                UnexpectedAfterCrash("payment", paid);
                return false;
            }

            _paid[i] = 1;
            return true;
        });
    }

    public override async Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var acknowledged = Enumerable.Range(0, Options.Requests).Where(i => _acknowledged[i] == 1).ToList();
        var paid = acknowledged.Where(i => _paid[i] == 1).Select(i => $"own-{ExternalNo(i)}").ToList();
        var unpaid = acknowledged.Where(i => _paid[i] == 0).Select(i => $"own-{ExternalNo(i)}").ToList();
        Counts["orders acknowledged (201)"] = acknowledged.Count;
        Counts["payments acknowledged (200)"] = paid.Count;
        var expected = acknowledged.Sum(i => (long)Lines(i).Sum(l => l.Quantity));
        var unanswered = Enumerable.Range(0, Options.Requests).Where(i => _unanswered[i] == 1).ToDictionary(i => $"own-{ExternalNo(i)}");
        var inFlight = Enumerable.Range(0, Options.Requests).Where(i => _unanswered[i] != 0).Select(i => $"own-{ExternalNo(i)}").ToHashSet();
        var written = await InvariantChecks.WrittenAsync(client, [.. unanswered.Keys], cancellationToken);
        if (Options.Crash)
        {
            Counts["orders in flight at the kill that were written"] = written.Count;
        }

        var writtenHold = written.Sum(id => (long)Lines(unanswered[id]).Sum(l => l.Quantity));
        // After a crash whose unanswered requests all got their answer when sent again, nothing is in flight any more: strict.
        var crashAllowance = Options.Crash && inFlight.Count > 0;
        var checks = new List<CheckResult>(await InvariantChecks.CheckStockAsync(client, SkuCodes, expected, crashAllowance, cancellationToken, writtenHold));
        checks.Add(await InvariantChecks.CheckOrdersPresentAsync(client, paid, PaidStatuses, Options.VerifyMax, cancellationToken));
        if (unpaid.Count > 0)
        {
            var check = await InvariantChecks.CheckOrdersPresentAsync(client, unpaid, null, Options.VerifyMax, cancellationToken);
            checks.Add(check with { Name = "acknowledged orders whose payment failed are present" });
        }

        if (await InvariantChecks.CheckLedgerAsync(client, Notes, cancellationToken, inFlight) is { } ledger)
        {
            checks.Add(ledger);
        }

        return checks;
    }

    /// <summary>Places the order and, once it is acknowledged (201), pays it; the payment's status is 0 when it was not sent.</summary>
    private static async Task<(int Order, int Payment)> PlaceAndPayAsync(LoadClient client, string externalNo, int buyer, IReadOnlyList<(string Sku, int Quantity)> lines, string paymentId)
    {
        var status = await PlaceAsync(client, externalNo, buyer, lines);
        return status == 201 ? (status, await PayAsync(client, externalNo, lines, paymentId)) : (status, 0);
    }

    private static Task<int> PlaceAsync(LoadClient client, string externalNo, int buyer, IReadOnlyList<(string Sku, int Quantity)> lines) =>
        client.PostAsync("/api/orders", Payloads.OwnOrder(externalNo, buyer, lines));

    private static Task<int> PayAsync(LoadClient client, string externalNo, IReadOnlyList<(string Sku, int Quantity)> lines, string paymentId) =>
        client.PostAsync($"/api/orders/own-{externalNo}/payment", Payloads.Payment(paymentId, Payloads.Total(lines)));

    private static string ExternalNo(int index) => $"in-{index}";

    private static string PaymentId(int index) => $"pay-{index}";

    private IReadOnlyList<(string Sku, int Quantity)> Lines(int index) => IntakeLines.For(Options.Seed, index, Options.Skus);
}
