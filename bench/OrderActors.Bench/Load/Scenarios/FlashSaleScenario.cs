using System.Diagnostics;

namespace OrderActors.Bench.Load.Scenarios;

/// <summary>
/// One SKU with <see cref="LoadOptions.Units"/> units and <see cref="LoadOptions.Requests"/> checkout attempts of one unit
/// each, from distinct buyers, all at once: 201 is a durable reservation, 409 <c>stock.insufficient</c> a refusal.
/// The warm-up runs on two SKUs of its own, so the measured SKU still starts with all its units: every
/// <see cref="WarmupAttemptsPerUnit"/>th attempt buys one of <see cref="WarmupSku"/>'s units (enough for all of them), the
/// others try <see cref="WarmupSoldOutSku"/> (one unit, then refused). Accepted and refused checkouts are both warmed, in
/// the measured sale's shares, and both until the warm-up's end: one sold-out SKU would sell out in its first seconds,
/// leaving the accepted path's methods waiting for the JIT's tier-up calls until the measured run.
/// </summary>
public sealed class FlashSaleScenario(LoadOptions options) : LoadScenario(options)
{
    public const string Sku = "FLASH-00001";

    public const string WarmupSku = "FLASH-WARM-1";

    public const string WarmupSoldOutSku = "FLASH-WARM-2";

    /// <summary>The measured sale's default shape (100,000 attempts for 10,000 units).</summary>
    public const int WarmupAttemptsPerUnit = 10;

    private static readonly HashSet<string> PendingStatuses = ["PendingPayment"];

    private readonly byte[] _acknowledged = new byte[options.Requests];
    private readonly byte[] _unanswered = new byte[options.Requests];
    private long _started;
    private long _lastAccepted;

    public override bool SupportsBaseline => true;

    public override bool SupportsWarmup => true;

    public override async Task SetupWarmupAsync(LoadClient client, int count, CancellationToken cancellationToken)
    {
        await InvariantChecks.ReceiveStockAsync(client, [WarmupSku], (count + WarmupAttemptsPerUnit - 1) / WarmupAttemptsPerUnit, cancellationToken);
        await InvariantChecks.ReceiveStockAsync(client, [WarmupSoldOutSku], 1, cancellationToken);
    }

    public override Task<int> WarmupOperationAsync(LoadClient client, int index) =>
        client.PostAsync("/api/orders", Payloads.OwnOrder($"warm-fs-{index}", Payloads.WarmupBuyers + index, [(index % WarmupAttemptsPerUnit == 0 ? WarmupSku : WarmupSoldOutSku, 1)]));

    public override async Task SetupAsync(LoadClient client, CancellationToken cancellationToken)
    {
        await InvariantChecks.ReceiveStockAsync(client, [Sku], Options.Units, cancellationToken);
        _started = Stopwatch.GetTimestamp();
    }

    public override async Task<int> OperationAsync(LoadClient client, int index)
    {
        var status = await client.PostAsync("/api/orders", Checkout(index));
        if (status == LoadClient.TransportError)
        {
            _unanswered[index] = 1;
        }

        if (status == 201)
        {
            _acknowledged[index] = 1;
            var now = Stopwatch.GetTimestamp();
            long last;
            while ((last = Interlocked.Read(ref _lastAccepted)) < now && Interlocked.CompareExchange(ref _lastAccepted, now, last) != last)
            {
            }
        }

        return status;
    }

    public override async Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken)
    {
        if (Options.Crash)
        {
            // A checkout the kill left unanswered is sent again with the same order number, as a storefront retries. One
            // whose unit was reserved before the kill gets it (the SKU already holds for that order); then every unit held
            // is held for an acknowledged order, and the checks are the strict ones of a run without a crash. Not counted
            // in the rates below (those are the measured run's).
            await SendUnansweredAgainAsync(_unanswered, "checkouts sent again after the crash (no answer before)", async i =>
            {
                // 200: stored before the kill; the same checkout again answers the order it is.
                var status = await SendAgainAsync(() => client.PostAsync("/api/orders", Checkout(i)), s => s, cancellationToken);
                if (status is 201 or 200)
                {
                    _acknowledged[i] = 1;
                }
                else if (status != 409)
                {
                    UnexpectedAfterCrash("checkout", status);
                    return false;
                }

                return true;
            });
        }

        var accepted = result.Count(201);
        if (accepted > 0)
        {
            var sellOut = Stopwatch.GetElapsedTime(_started, Interlocked.Read(ref _lastAccepted)).TotalSeconds;
            Figures["seconds until the last unit was reserved"] = sellOut;
            Figures["durable reservations/s (accepted / time to the last acceptance)"] = accepted / sellOut;
        }

        Figures["checkout attempts/s (accepted + refused)"] = result.Sent / result.Elapsed.TotalSeconds;
    }

    public override async Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var acknowledged = Enumerable.Range(0, Options.Requests).Where(i => _acknowledged[i] == 1).Select(i => $"own-fs-{i}").ToList();
        Counts["reservations acknowledged (201)"] = acknowledged.Count;
        var unanswered = Enumerable.Range(0, Options.Requests).Where(i => _unanswered[i] == 1).Select(i => $"own-fs-{i}").ToList();
        var written = await InvariantChecks.WrittenAsync(client, unanswered, cancellationToken);
        if (Options.Crash)
        {
            Counts["orders in flight at the kill that were written"] = written.Count;
        }

        // Strict unless a checkout is still without an answer (one sent again after a crash that never got one).
        var crashAllowance = Options.Crash && unanswered.Count > 0;
        var checks = new List<CheckResult>(await InvariantChecks.CheckStockAsync(client, [Sku], acknowledged.Count, crashAllowance, cancellationToken, written.Count));
        var expectSoldOut = !crashAllowance && Options.Requests >= Options.Units;
        var soldExactly = acknowledged.Count <= Options.Units && (!expectSoldOut || acknowledged.Count == Options.Units);
        checks.Add(new CheckResult("sold exactly the units there were", soldExactly,
            $"{acknowledged.Count:N0} reservations acknowledged for {Options.Units:N0} units from {Options.Requests:N0} attempts"));
        checks.Add(await InvariantChecks.CheckOrdersPresentAsync(client, acknowledged, PendingStatuses, Options.VerifyMax, cancellationToken));
        if (await InvariantChecks.CheckLedgerAsync(client, Notes, cancellationToken, unanswered.ToHashSet()) is { } ledger)
        {
            checks.Add(ledger);
        }

        return checks;
    }

    private static byte[] Checkout(int index) => Payloads.OwnOrder($"fs-{index}", index, [(Sku, 1)]);
}
