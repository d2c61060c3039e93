using System.Diagnostics;

namespace OrderActors.Bench.Load.Scenarios;

/// <summary>
/// Unpaid own-store orders (one unit of one of <see cref="LoadOptions.Skus"/> SKUs each) whose payment hold, shortened to
/// <see cref="LoadOptions.Hold"/> on the silo, expires while new orders still arrive. After the load the generator waits
/// for every hold to be cancelled and reads the change feed: lateness = cancellation time − due time, and the drain rate.
/// It has no warm-up: it reads every order cancellation on the feed as one of its holds, and its million orders (run for
/// minutes) make the start-up's share small anyway.
/// </summary>
public sealed class HoldsScenario(LoadOptions options) : LoadScenario(options)
{
    private static readonly HashSet<string> CancelledStatuses = ["Cancelled"];

    private readonly byte[] _acknowledged = new byte[options.Requests];
    private readonly byte[] _unanswered = new byte[options.Requests];
    private readonly HoldExpiry _expiry = new();
    private readonly CancellationTokenSource _stopReading = new();
    private Task? _reader;
    private int _readerStarted;

    public IReadOnlyList<string> SkuCodes { get; } = Enumerable.Range(0, options.Skus).Select(Payloads.Sku).ToList();

    /// <summary>How long to wait for the last holds after the load, beyond the hold itself.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public override Task SetupAsync(LoadClient client, CancellationToken cancellationToken) =>
        InvariantChecks.ReceiveStockAsync(client, SkuCodes, 10_000_000, cancellationToken);

    public override async Task<int> OperationAsync(LoadClient client, int index)
    {
        if (Interlocked.Exchange(ref _readerStarted, 1) == 0)
        {
            // The feed is followed during the load (as a consumer would), not read in one go at the end: at a million
            // orders that is millions of events. Lateness uses the events' own times, so when they are read does not matter.
            _reader = Task.Run(() => FollowFeedAsync(client, _stopReading.Token));
        }

        var status = await client.PostAsync("/api/orders", Checkout(index));
        if (status == 201)
        {
            _acknowledged[index] = 1;
        }
        else if (status == LoadClient.TransportError)
        {
            _unanswered[index] = 1;
        }

        return status;
    }

    public override async Task AfterLoadAsync(LoadClient client, DriverResult result, CancellationToken cancellationToken)
    {
        if (Options.Crash)
        {
            // A checkout the kill left unanswered is sent again (same order number), as a storefront retries; its hold
            // then runs from the time it was stored, and the wait below covers it like any other.
            await SendUnansweredAgainAsync(_unanswered, "checkouts sent again after the crash (no answer before)", async i =>
            {
                // 200: stored before the kill; the same checkout again answers the order it is.
                var status = await SendAgainAsync(() => client.PostAsync("/api/orders", Checkout(i)), s => s, cancellationToken);
                if (status is not (201 or 200))
                {
                    UnexpectedAfterCrash("checkout", status);
                    return false;
                }

                _acknowledged[i] = 1;
                return true;
            });
        }

        var acknowledged = AcknowledgedIds();
        await _stopReading.CancelAsync();
        if (_reader is not null)
        {
            await _reader;
        }

        var waitStarted = Stopwatch.GetTimestamp();
        var limit = (Options.Hold ?? TimeSpan.FromMinutes(30)) + DrainTimeout;
        while (true)
        {
            await FeedReader.ReadToEndAsync(client, _expiry, cancellationToken);
            var cancelled = _expiry.CancelledOf(acknowledged);
            if (cancelled >= acknowledged.Count)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(waitStarted) > limit)
            {
                Notes.Enqueue($"only {cancelled:N0} of {acknowledged.Count:N0} acknowledged holds were cancelled {limit.TotalSeconds:N0} s after the load ended");
                break;
            }

            await Task.Delay(500, cancellationToken);
        }

        Figures["seconds waited after the load for the last hold"] = Stopwatch.GetElapsedTime(waitStarted).TotalSeconds;
        var lateness = _expiry.LatenessMs();
        if (lateness.Length > 0)
        {
            Figures["hold lateness p50 ms"] = Percentile(lateness, 0.50);
            Figures["hold lateness p90 ms"] = Percentile(lateness, 0.90);
            Figures["hold lateness p99 ms"] = Percentile(lateness, 0.99);
            Figures["hold lateness max ms"] = lateness[^1];
        }

        var (mean, peak, seconds) = _expiry.DrainRate();
        Figures["drain: cancellations/s (first to last cancellation)"] = mean;
        Figures["drain: busiest second"] = peak;
        Figures["drain: seconds from first to last cancellation"] = seconds;
        Counts["holds cancelled (feed)"] = _expiry.Cancelled;
        Counts["holds cancelled while orders still arrived"] = _expiry.CancelledWhileArriving();
        Counts["feed events read"] = _expiry.EventsRead;
        var (status, cluster) = await client.GetJsonAsync("/api/admin/cluster", cancellationToken);
        if (status == 200 && cluster.TryGetProperty("reminders", out var reminders))
        {
            Figures["silo: reminder lag p50 ms (its own measure)"] = reminders.GetProperty("lagP50Ms").GetDouble();
            Figures["silo: reminder lag p99 ms (its own measure)"] = reminders.GetProperty("lagP99Ms").GetDouble();
            Figures["silo: reminder lag max ms (its own measure)"] = reminders.GetProperty("lagMaxMs").GetDouble();
            Counts["silo: reminder deliveries"] = reminders.GetProperty("deliveries").GetInt64();
        }
    }

    public override async Task<IReadOnlyList<CheckResult>> CheckAsync(LoadClient client, CancellationToken cancellationToken)
    {
        var acknowledged = AcknowledgedIds();
        Counts["orders acknowledged (201)"] = acknowledged.Count;
        var cancelled = _expiry.CancelledOf(acknowledged);
        var stillHeld = acknowledged.Count - cancelled;
        // Only a checkout still without an answer after being sent again (after a crash) may have left stock reserved for an
        // order that was never stored (it expires later); with none, the checks are the strict ones.
        var inFlight = Enumerable.Range(0, Options.Requests).Where(i => _unanswered[i] == 1).Select(i => $"own-h-{i}").ToHashSet();
        var checks = new List<CheckResult>(await InvariantChecks.CheckStockAsync(client, SkuCodes, Math.Max(0, stillHeld), Options.Crash && inFlight.Count > 0, cancellationToken));
        checks.Add(new CheckResult("every hold expired", cancelled == acknowledged.Count, $"{cancelled:N0} cancellations on the feed for {acknowledged.Count:N0} acknowledged unpaid orders"));
        checks.Add(await InvariantChecks.CheckOrdersPresentAsync(client, acknowledged, CancelledStatuses, Options.VerifyMax, cancellationToken));
        if (await InvariantChecks.CheckLedgerAsync(client, Notes, cancellationToken, inFlight) is { } ledger)
        {
            checks.Add(ledger);
        }

        return checks;
    }

    private byte[] Checkout(int index) => Payloads.OwnOrder($"h-{index}", index, [(Payloads.Sku((int)(Payloads.Uniform(Options.Seed, index) * Options.Skus)), 1)]);

    private List<string> AcknowledgedIds() => Enumerable.Range(0, Options.Requests).Where(i => _acknowledged[i] == 1).Select(i => $"own-h-{i}").ToList();

    private async Task FollowFeedAsync(LoadClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await FeedReader.ReadToEndAsync(client, _expiry, stop);
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException) when (Options.Crash)
            {
                // The silo is down or restarting (the kill): the next round reads on from the same position. The read
                // after the load, with the silo back, still fails the run on any error.
                if (stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                {
                    return;
                }
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
