using OrderActors.Grains.Orders;
using OrderActors.Grains.Stock;

namespace OrderActors.Grains.Ledger;

/// <summary>What the ledger check compares, as a pure function of the SKU ledgers and the orders (null: the order does not exist).</summary>
public static class LedgerRules
{
    public static List<LedgerDrift> Compare(IReadOnlyDictionary<string, StockLedger> ledgers, IReadOnlyDictionary<string, OrderView?> orders)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(orders);
        var drifts = new List<LedgerDrift>();
        foreach (var ledger in ledgers.Values.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            CheckTotals(ledger, drifts);
            foreach (var holding in ledger.Holdings)
            {
                CheckHolding(holding, orders.GetValueOrDefault(holding.OrderId), drifts);
            }
        }

        // Which orders each SKU holds for, looked up once per order line: a hot SKU holds for every order of a flash
        // sale, and a scan of its holdings per order made this check quadratic (150,000 orders on one SKU: minutes).
        var holders = ledgers.ToDictionary(
            l => l.Key,
            l => l.Value.Holdings.Select(h => h.OrderId).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var order in orders.Values.OfType<OrderView>().OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            if (ExpectedStage(order.Status) is null)
            {
                continue;
            }

            foreach (var sku in Needs(order).Keys)
            {
                var held = holders.TryGetValue(sku, out var orderIds) && orderIds.Contains(order.Id);
                if (!held)
                {
                    drifts.Add(new LedgerDrift(LedgerDriftKinds.OrderMissingHolding, sku, order.Id, $"held while {order.Status}", "nothing held"));
                }
            }
        }

        return drifts;
    }

    private static void CheckTotals(StockLedger ledger, List<LedgerDrift> drifts)
    {
        var reserved = ledger.Holdings.Where(h => h.Status != HoldingStatus.Allocated).Sum(h => h.Quantity);
        if (reserved != ledger.Reserved)
        {
            drifts.Add(new LedgerDrift(LedgerDriftKinds.ReservedTotal, ledger.Sku, null, Text(reserved), Text(ledger.Reserved)));
        }

        var allocated = ledger.Holdings.Where(h => h.Status == HoldingStatus.Allocated).Sum(h => h.Quantity);
        if (allocated != ledger.Allocated)
        {
            drifts.Add(new LedgerDrift(LedgerDriftKinds.AllocatedTotal, ledger.Sku, null, Text(allocated), Text(ledger.Allocated)));
        }

        foreach (var warehouse in ledger.Warehouses)
        {
            var inWarehouse = ledger.Holdings.Where(h => h.Status == HoldingStatus.Allocated && h.Warehouse == warehouse.Warehouse).Sum(h => h.Quantity);
            if (inWarehouse != warehouse.Allocated)
            {
                drifts.Add(new LedgerDrift(LedgerDriftKinds.AllocatedTotal, ledger.Sku, null, $"{warehouse.Warehouse}: {inWarehouse}", $"{warehouse.Warehouse}: {warehouse.Allocated}"));
            }
        }

        if ((long)ledger.Reserved + ledger.Allocated > (long)ledger.OnHand + ledger.PresaleAllowance)
        {
            drifts.Add(new LedgerDrift(
                LedgerDriftKinds.Oversold,
                ledger.Sku,
                null,
                $"at most {(long)ledger.OnHand + ledger.PresaleAllowance} committed",
                $"{(long)ledger.Reserved + ledger.Allocated} committed"));
        }
    }

    private static void CheckHolding(StockHolding holding, OrderView? order, List<LedgerDrift> drifts)
    {
        var stage = order is null ? null : ExpectedStage(order.Status);
        if (order is null || stage is null)
        {
            var status = order?.Status.ToString() ?? "not found";
            drifts.Add(new LedgerDrift(LedgerDriftKinds.OrderShouldNotHold, holding.Sku, holding.OrderId, $"nothing held while {status}", $"{holding.Quantity} {holding.Status}"));
            return;
        }

        var needed = Needs(order).GetValueOrDefault(holding.Sku);
        var shortAllowed = holding.Quantity < needed && order.Holds.Any(h => h.Code == HoldCodes.InsufficientStock);
        if (holding.Quantity != needed && !shortAllowed)
        {
            drifts.Add(new LedgerDrift(LedgerDriftKinds.OrderQuantity, holding.Sku, holding.OrderId, Text(needed), Text(holding.Quantity)));
        }

        if (!stage.Contains(holding.Status))
        {
            drifts.Add(new LedgerDrift(LedgerDriftKinds.OrderHoldingStatus, holding.Sku, holding.OrderId, string.Join(" or ", stage), holding.Status.ToString()));
        }
    }

    /// <summary>The holding stages an order in <paramref name="status"/> may have; null when it should hold nothing.</summary>
    private static HoldingStatus[]? ExpectedStage(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => [HoldingStatus.Reserved, HoldingStatus.Confirmed],
        OrderStatus.Paid => [HoldingStatus.Confirmed],
        OrderStatus.Allocated or OrderStatus.Packed => [HoldingStatus.Allocated],
        _ => null,
    };

    private static Dictionary<string, int> Needs(OrderView order)
    {
        var needs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in order.Lines)
        {
            needs[line.Sku] = needs.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        return needs;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
