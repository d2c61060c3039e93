using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>Computes the summary report from index rows (pure, so it is easy to test).</summary>
public static class SummaryReport
{
    public static SummaryReportDto Build(IReadOnlyList<IndexedGrain> rows, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byChannel = rows
            .GroupBy(r => r.Entries.GetValueOrDefault(OrderIndex.Channel) ?? "unknown", StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, int>)g.GroupBy(r => r.Entries.GetValueOrDefault(OrderIndex.Status) ?? "unknown", StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Count(), StringComparer.Ordinal),
                StringComparer.Ordinal);
        var fulfilment = rows
            .Where(r => r.Entries.ContainsKey(OrderIndex.FulfilmentSeconds))
            .Select(r => (double)OrderIndexScanner.Number(r, OrderIndex.FulfilmentSeconds) / 3600d)
            .Order()
            .ToList();
        var exceptions = rows
            .SelectMany(r => r.Entries.Keys.Where(k => k.StartsWith(OrderIndex.HoldPrefix, StringComparison.Ordinal)))
            .GroupBy(k => k[OrderIndex.HoldPrefix.Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var returns = rows.Where(r => r.Entries.ContainsKey(OrderIndex.ReturnReason)).ToList();
        var phones = rows.Where(IsPurchase).Select(r => r.Entries.GetValueOrDefault(OrderIndex.Phone)).Where(p => p is not null).GroupBy(p => p, StringComparer.Ordinal).ToList();
        var delivered = rows.Where(r => r.Entries.ContainsKey(OrderIndex.DeliveredAt)).ToList();
        return new SummaryReportDto(
            from,
            to,
            rows.Count,
            byChannel,
            Percentile(fulfilment, 0.5),
            Percentile(fulfilment, 0.9),
            (int)rows.Sum(r => OrderIndexScanner.Number(r, OrderIndex.SlaBreaches)),
            rows.Count(r => r.Entries.ContainsKey(OrderIndex.Overdue)),
            exceptions,
            returns.Count,
            returns.GroupBy(r => r.Entries[OrderIndex.ReturnReason], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            phones.Count == 0 ? null : (double)phones.Count(g => g.Count() > 1) / phones.Count,
            delivered.Count == 0 ? null : (double)delivered.Count(r => !r.Entries.ContainsKey(OrderIndex.ReturnReason)) / delivered.Count);
    }

    /// <summary>
    /// Whether an order counts as a purchase for the repurchase rate: not one left unpaid (a buyer who opens checkout
    /// three times and pays once bought once) nor one cancelled (before shipping, with any payment given back). A
    /// returned order was bought, and a merged-in order was its buyer's own purchase.
    /// </summary>
    private static bool IsPurchase(IndexedGrain row) =>
        row.Entries.GetValueOrDefault(OrderIndex.Status) is not (nameof(OrderStatus.PendingPayment) or nameof(OrderStatus.Cancelled));

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double? Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
