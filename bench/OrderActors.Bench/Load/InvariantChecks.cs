using System.Collections.Concurrent;
using System.Text.Json;

namespace OrderActors.Bench.Load;

/// <summary>
/// The checks every scenario ends with, over HTTP only: no SKU oversold, reservations add up to what was acknowledged,
/// every acknowledged order present (in the expected status), and the server's own ledger check where it has one.
/// </summary>
public static class InvariantChecks
{
    public static async Task ReceiveStockAsync(LoadClient client, IReadOnlyList<string> skus, int quantity, CancellationToken cancellationToken)
    {
        var body = Payloads.Receipt(quantity);
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (sku, ct) =>
        {
            var status = await client.PostAsync($"/api/stock/{sku}/receipts", body, cancellationToken: ct);
            if (status != 200)
            {
                failures.Add($"{sku}: {status}");
            }
        });
        if (!failures.IsEmpty)
        {
            throw new InvalidOperationException($"Stock receipts failed: {string.Join(", ", failures.Take(5))}");
        }
    }

    /// <summary>
    /// Reads every SKU: nothing negative and <c>reserved + allocated ≤ onHand + presale</c>; the committed total
    /// (reserved + allocated) equals <paramref name="expectedCommitted"/>, or is at least it after a crash (an order
    /// in flight at the kill may have reserved without being acknowledged).
    /// </summary>
    public static async Task<IReadOnlyList<CheckResult>> CheckStockAsync(LoadClient client, IReadOnlyList<string> skus, long expectedCommitted, bool crashed, CancellationToken cancellationToken, long inFlightWritten = 0)
    {
        var oversold = new ConcurrentBag<string>();
        var unreadable = new ConcurrentBag<string>();
        long committed = 0;
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (sku, ct) =>
        {
            var (status, stock) = await client.GetJsonAsync($"/api/stock/{sku}", ct);
            if (status != 200)
            {
                unreadable.Add($"{sku}: {status}");
                return;
            }

            var onHand = stock.GetProperty("onHand").GetInt64();
            var reserved = stock.GetProperty("reserved").GetInt64();
            var allocated = stock.GetProperty("allocated").GetInt64();
            var presale = stock.TryGetProperty("presaleAllowance", out var p) ? p.GetInt64() : 0;
            var sellable = stock.GetProperty("sellable").GetInt64();
            if (onHand < 0 || reserved < 0 || allocated < 0 || sellable < 0 || reserved + allocated > onHand + presale)
            {
                oversold.Add($"{sku}: onHand {onHand}, reserved {reserved}, allocated {allocated}, presale {presale}, sellable {sellable}");
            }

            Interlocked.Add(ref committed, reserved + allocated);
        });

        var addsUp = crashed ? committed >= expectedCommitted : committed == expectedCommitted;
        var stranded = committed - expectedCommitted - inFlightWritten;
        var detail = $"reserved + allocated over all SKUs = {committed:N0}; acknowledged orders hold {expectedCommitted:N0}";
        if (crashed)
        {
            detail += $"; after the crash at least that must be held: orders in flight at the kill that were written hold {inFlightWritten:N0}, "
                      + $"and {stranded:N0} units are reserved for orders that were never written (released when their reservation expires)";
        }

        return
        [
            new CheckResult("no SKU oversold", oversold.IsEmpty && unreadable.IsEmpty,
                oversold.IsEmpty && unreadable.IsEmpty ? $"{skus.Count:N0} SKUs read: nothing negative, reserved + allocated <= onHand + presale" : string.Join("; ", oversold.Concat(unreadable).Take(5))),
            new CheckResult("reservations add up", addsUp, detail),
        ];
    }

    /// <summary>GETs every acknowledged order (or a fixed-seed sample of <paramref name="maxToVerify"/>) and checks it is there in an allowed status.</summary>
    public static async Task<CheckResult> CheckOrdersPresentAsync(LoadClient client, IReadOnlyList<string> orderIds, IReadOnlySet<string>? allowedStatuses, int maxToVerify, CancellationToken cancellationToken)
    {
        var sample = orderIds.Count <= maxToVerify
            ? orderIds
            : orderIds.OrderBy(id => Payloads.Uniform(7, id.GetHashCode(StringComparison.Ordinal))).Take(maxToVerify).ToList();
        var missing = new ConcurrentBag<string>();
        var wrongStatus = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var (status, order) = await client.GetJsonAsync($"/api/orders/{Uri.EscapeDataString(id)}", ct);
            if (status != 200)
            {
                missing.Add($"{id}: {status}");
                return;
            }

            var orderStatus = order.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (allowedStatuses is not null && (orderStatus is null || !allowedStatuses.Contains(orderStatus)))
            {
                wrongStatus.Add($"{id}: {orderStatus}");
            }
        });

        var what = sample.Count == orderIds.Count ? $"all {orderIds.Count:N0}" : $"a sample of {sample.Count:N0} of {orderIds.Count:N0}";
        var allowed = allowedStatuses is null ? string.Empty : $" in status {string.Join("|", allowedStatuses)}";
        return new CheckResult("every acknowledged order present", missing.IsEmpty && wrongStatus.IsEmpty,
            missing.IsEmpty && wrongStatus.IsEmpty
                ? $"{what} acknowledged orders read back{allowed}"
                : $"{missing.Count} missing ({string.Join(", ", missing.Take(3))}), {wrongStatus.Count} in a wrong status ({string.Join(", ", wrongStatus.Take(3))}) of {what}");
    }

    /// <summary>The orders among <paramref name="orderIds"/> (sent, never answered: in flight at a kill) that were written anyway.</summary>
    public static async Task<IReadOnlyList<string>> WrittenAsync(LoadClient client, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
    {
        var written = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var (status, _) = await client.GetJsonAsync($"/api/orders/{Uri.EscapeDataString(id)}", ct);
            if (status == 200)
            {
                written.Add(id);
            }
        });
        return [.. written];
    }

    /// <summary>Checks that none of <paramref name="orderIds"/> exists (e.g. webhooks refused for a bad signature).</summary>
    public static async Task<CheckResult> CheckOrdersAbsentAsync(string name, LoadClient client, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
    {
        var present = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var (status, _) = await client.GetJsonAsync($"/api/orders/{Uri.EscapeDataString(id)}", ct);
            if (status != 404)
            {
                present.Add($"{id}: {status}");
            }
        });
        return new CheckResult(name, present.IsEmpty, present.IsEmpty ? $"none of {orderIds.Count:N0} exists" : string.Join(", ", present.Take(5)));
    }

    /// <summary><c>POST /api/admin/ledger/check</c> where the server has it (the silo); the baseline has no ledger.</summary>
    /// <remarks>
    /// After a crash, drift on an order whose last request was in flight at the kill (never acknowledged) is expected by
    /// design: the SKU reserves (or confirms) before the order appends, so a kill in between leaves a holding the order does
    /// not know, which the reservation's expiry releases. Such drift is counted and reported, not failed; any other drift fails.
    /// </remarks>
    public static async Task<CheckResult?> CheckLedgerAsync(LoadClient client, ConcurrentQueue<string> notes, CancellationToken cancellationToken, IReadOnlySet<string>? inFlightAtKill = null)
    {
        var (status, body) = await client.PostForBodyAsync("/api/admin/ledger/check", [], cancellationToken: cancellationToken);
        if (status is 404 or 405)
        {
            notes.Enqueue("ledger check: the server has no POST /api/admin/ledger/check (not checked)");
            return null;
        }

        if (status != 200 || body is null)
        {
            return new CheckResult("ledger check", false, $"POST /api/admin/ledger/check answered {status}");
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("drifts", out var drifts) || drifts.ValueKind != JsonValueKind.Array)
        {
            return new CheckResult("ledger check", false, "the ledger report has no drifts array");
        }

        var skus = root.TryGetProperty("skusChecked", out var s) ? s.GetInt32() : -1;
        var tolerated = new List<JsonElement>();
        var failed = new List<JsonElement>();
        foreach (var drift in drifts.EnumerateArray())
        {
            var orderId = drift.TryGetProperty("orderId", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            (orderId is not null && inFlightAtKill?.Contains(orderId) == true ? tolerated : failed).Add(drift);
        }

        var detail = $"{skus:N0} SKUs checked, {failed.Count} drifts{(failed.Count > 0 ? ": " + string.Join("; ", failed.Take(3)) : string.Empty)}";
        if (tolerated.Count > 0)
        {
            detail += $"; plus {tolerated.Count} drifts of {tolerated.Select(t => t.GetProperty("orderId").GetString()).Distinct().Count()} orders in flight at the kill "
                      + $"(never acknowledged; kinds {string.Join(", ", tolerated.Select(t => t.GetProperty("kind").GetString()).Distinct())}: released when their reservation expires)";
        }

        return new CheckResult("ledger check", failed.Count == 0, detail);
    }
}
