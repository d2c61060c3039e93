using System.Collections.Concurrent;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Grains.Ledger;

/// <summary>
/// The reservation ledger check. For every SKU grain it compares the totals the grain reports with the sum of its
/// open reservations and allocations, and every holding with what its order says (status and lines); and for every
/// open order it checks that each of its SKUs holds its units. Read-only: it asks grains, it changes nothing.
/// Run it on a quiet system: an order placed between reading its SKU and reading the order can show as a drift,
/// so a drift is reported only if it is still there when the SKU and the order are read again.
/// <see cref="RepairAsync"/> is the one part that writes: it releases stock held for orders that do not exist.
/// </summary>
public sealed class LedgerChecker(IGrainFactory grains, IGrainStorage storage, TimeProvider time)
{
    private const int PageSize = 500;
    private const int Parallelism = 8;

    private static readonly OrderStatus[] HoldingStatuses = [OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.Allocated, OrderStatus.Packed];

    public async Task<LedgerReport> CheckAsync(CancellationToken cancellationToken = default) => (await RunAsync(cancellationToken)).Report;

    /// <summary>
    /// Checks, then releases every holding of an order that does not exist (a crash between a paid order's stock
    /// confirmation and its append, never delivered again), then checks again. Each release is the order grain's own
    /// decision, in its own turn (<see cref="IOrderGrain.ReleaseUnstoredStockAsync"/>): a placement in progress
    /// finishes first, and an order stored meanwhile keeps its stock. Every other drift is left for a person and
    /// stays in the report after.
    /// </summary>
    public async Task<LedgerRepair> RepairAsync(string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var (before, orders) = await RunAsync(cancellationToken);
        var unstored = before.Drifts
            .Where(d => d.Kind == LedgerDriftKinds.OrderShouldNotHold && d.OrderId is { } id && orders.TryGetValue(id, out var order) && order is null)
            .GroupBy(d => d.OrderId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var released = new List<LedgerRelease>();
        foreach (var drifts in unstored)
        {
            var skus = await grains.GetGrain<IOrderGrain>(drifts.Key).ReleaseUnstoredStockAsync(new ReleaseUnstoredStock([.. drifts.Select(d => d.Sku)], actor));
            if (skus.Count > 0)
            {
                released.Add(new LedgerRelease(drifts.Key, skus));
            }
        }

        var after = released.Count == 0 ? before : await CheckAsync(cancellationToken);
        return new LedgerRepair(released, before, after);
    }

    private async Task<(LedgerReport Report, Dictionary<string, OrderView?> Orders)> RunAsync(CancellationToken cancellationToken)
    {
        var skus = await ListSkusAsync(cancellationToken);
        var ledgers = await ReadLedgersAsync(skus, cancellationToken);
        var orderIds = ledgers.Values.SelectMany(l => l.Holdings).Select(h => h.OrderId).ToHashSet(StringComparer.Ordinal);
        orderIds.UnionWith(await ListOpenOrdersAsync(cancellationToken));
        var orders = await ReadOrdersAsync(orderIds, cancellationToken);
        var drifts = LedgerRules.Compare(ledgers, orders);

        if (drifts.Count > 0)
        {
            // Confirm: read the SKUs and orders involved again and keep only the drifts that are still there.
            var recheckSkus = drifts.Select(d => d.Sku).ToHashSet(StringComparer.Ordinal);
            var recheckOrders = drifts.Where(d => d.OrderId is not null).Select(d => d.OrderId!).ToHashSet(StringComparer.Ordinal);
            var freshLedgers = await ReadLedgersAsync(recheckSkus, cancellationToken);
            var freshOrders = await ReadOrdersAsync(recheckOrders, cancellationToken);
            foreach (var (sku, ledger) in freshLedgers)
            {
                ledgers[sku] = ledger;
            }

            foreach (var (id, order) in freshOrders)
            {
                orders[id] = order;
            }

            var again = LedgerRules.Compare(ledgers, orders).ToHashSet();
            drifts = [.. drifts.Where(again.Contains)];
        }

        var holdings = ledgers.Values.Sum(l => l.Holdings.Count);
        return (new LedgerReport(ledgers.Count, orders.Count, holdings, drifts, time.GetUtcNow()), orders);
    }

    private async Task<List<string>> ListSkusAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await storage.ListGrainKeysAsync(SkuStockGrain.GrainTypeName, after, PageSize, cancellationToken);
            keys.AddRange(page);
            if (page.Count < PageSize)
            {
                return keys;
            }

            after = page[^1];
        }
    }

    private async Task<List<string>> ListOpenOrdersAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var status in HoldingStatuses)
        {
            string? after = null;
            while (true)
            {
                var query = new IndexQuery(OrderIndex.GrainType, [new IndexFilter(OrderIndex.Status, IndexOperator.Equal, status.ToString())])
                {
                    AfterKey = after,
                    Limit = PageSize,
                };
                var page = await storage.QueryIndexAsync(query, cancellationToken);
                ids.AddRange(page.Select(p => p.GrainKey));
                if (page.Count < PageSize)
                {
                    break;
                }

                after = page[^1].GrainKey;
            }
        }

        return ids;
    }

    private async Task<Dictionary<string, StockLedger>> ReadLedgersAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, StockLedger>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            skus,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (sku, _) => result[sku] = await grains.GetGrain<ISkuStockGrain>(sku).GetLedgerAsync());
        return new Dictionary<string, StockLedger>(result, StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, OrderView?>> ReadOrdersAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, OrderView?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            orderIds,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    result[id] = await grains.GetGrain<IOrderGrain>(id).GetAsync();
                }
                catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
                {
                    result[id] = null;
                }
            });
        return new Dictionary<string, OrderView?>(result, StringComparer.Ordinal);
    }
}
