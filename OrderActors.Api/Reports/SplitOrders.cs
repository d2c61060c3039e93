using System.Collections.Concurrent;
using System.Globalization;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>
/// A split is one customer order shipped in parts: the summary counts it once, as its parent, by the parent's placed
/// time. Each part is an order of its own in the index (placed at the split, with its own status, shipment, holds and
/// return), so the report counted every split order two or three times, as a repeat buyer, and with parts' fulfilment
/// measured from the split rather than from the payment.
/// </summary>
internal static class SplitOrders
{
    private const int Parallelism = 4;

    /// <summary>A part per warehouse, and an order has at most 200 lines.</summary>
    private const int MaxParts = 200;

    /// <summary>
    /// <paramref name="rows"/> as customer orders: parts left out (their parent stands for them, in the period it was
    /// placed in), and each split parent given the state of its parts, read by their <c>parent</c> entry.
    /// </summary>
    public static async Task<List<IndexedGrain>> AsCustomerOrdersAsync(IGrainStorage storage, IReadOnlyList<IndexedGrain> rows, CancellationToken cancellationToken)
    {
        var parts = new ConcurrentDictionary<string, IReadOnlyList<IndexedGrain>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            rows.Where(r => r.Entries.GetValueOrDefault(OrderIndex.Status) == nameof(OrderStatus.Split)).Select(r => r.GrainKey),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, token) => parts[id] = await storage.QueryIndexAsync(
                new IndexQuery(OrderIndex.GrainType, [new IndexFilter(OrderIndex.Parent, IndexOperator.Equal, id)]) { Limit = MaxParts },
                token));
        var orders = new List<IndexedGrain>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Entries.ContainsKey(OrderIndex.Parent))
            {
                continue;
            }

            orders.Add(parts.TryGetValue(row.GrainKey, out var its) && its.Count > 0 ? Fold(row, its) : row);
        }

        return orders;
    }

    /// <summary>
    /// The parent with what the summary reads taken from its parts: the status of the least advanced part not cancelled
    /// (the order is as far along as its slowest parcel; cancelled when every part is), shipped and delivered when the
    /// last of those parts is, open holds and overdue of any part, SLA breaches of all, the first part's return.
    /// </summary>
    private static IndexedGrain Fold(IndexedGrain parent, IReadOnlyList<IndexedGrain> parts)
    {
        var entries = parent.Entries
            .Where(e => !IsPerShipment(e.Key))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var live = parts.Where(p => StatusOf(p) != OrderStatus.Cancelled).ToList();
        entries[OrderIndex.Status] = (live.Count == 0 ? OrderStatus.Cancelled : live.Min(StatusOf)).ToString();

        if (Last(live, OrderIndex.ShippedAt) is { } shipped)
        {
            entries[OrderIndex.ShippedAt] = shipped;
            if (entries.TryGetValue(OrderIndex.PaidAt, out var paid) && Time(shipped) - Time(paid) is { Ticks: >= 0 } took)
            {
                entries[OrderIndex.FulfilmentSeconds] = IndexValues.Number((decimal)took.TotalSeconds);
            }
        }

        if (Last(live, OrderIndex.DeliveredAt) is { } delivered)
        {
            entries[OrderIndex.DeliveredAt] = delivered;
        }

        foreach (var (name, value) in parts.SelectMany(p => p.Entries).Where(e => e.Key.StartsWith(OrderIndex.HoldPrefix, StringComparison.Ordinal)))
        {
            entries.TryAdd(name, value);
        }

        if (parts.Any(p => p.Entries.ContainsKey(OrderIndex.Overdue)))
        {
            entries[OrderIndex.Overdue] = "1";
        }

        var breaches = OrderIndexScanner.Number(parent, OrderIndex.SlaBreaches) + parts.Sum(p => OrderIndexScanner.Number(p, OrderIndex.SlaBreaches));
        if (breaches > 0)
        {
            entries[OrderIndex.SlaBreaches] = IndexValues.Number(breaches);
        }

        if (parts.OrderBy(p => p.GrainKey, StringComparer.Ordinal).Select(p => p.Entries.GetValueOrDefault(OrderIndex.ReturnReason)).FirstOrDefault(r => r is not null) is { } reason)
        {
            entries[OrderIndex.ReturnReason] = reason;
        }

        return new IndexedGrain(parent.GrainKey, entries);
    }

    /// <summary>Entries the parts carry on after the split; the parent's own are from before it.</summary>
    private static bool IsPerShipment(string name) =>
        name is OrderIndex.Status or OrderIndex.ShippedAt or OrderIndex.DeliveredAt or OrderIndex.FulfilmentSeconds or OrderIndex.ReturnReason
        || name.StartsWith(OrderIndex.HoldPrefix, StringComparison.Ordinal);

    /// <summary>The latest time of <paramref name="name"/> when every one of <paramref name="parts"/> has it (index times sort as text).</summary>
    private static string? Last(List<IndexedGrain> parts, string name) =>
        parts.Count > 0 && parts.All(p => p.Entries.ContainsKey(name))
            ? parts.Select(p => p.Entries[name]).Max(StringComparer.Ordinal)
            : null;

    private static OrderStatus StatusOf(IndexedGrain row) =>
        Enum.TryParse<OrderStatus>(row.Entries.GetValueOrDefault(OrderIndex.Status), out var status) ? status : OrderStatus.None;

    private static DateTimeOffset Time(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
