namespace OrderActors.Bench.Baseline;

/// <summary>
/// The baseline server's store with no database (<c>--provider memory</c>): the same checks and results as
/// <see cref="BaselineStore"/>, kept in dictionaries under one lock, durable nowhere. Not an order system anyone should
/// run: it measures what the scenarios' HTTP requests cost on this machine (Kestrel, routing, request and response
/// JSON, the generator beside it) when the order work behind them is next to nothing, the floor under both servers.
/// </summary>
public sealed class MemoryBaselineStore : IBaselineStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StockRow> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderRow> _orders = new(StringComparer.Ordinal);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task ReceiveAsync(string sku, int quantity)
    {
        lock (_gate)
        {
            Row(sku).OnHand += quantity;
        }

        return Task.CompletedTask;
    }

    public Task<PlaceResult> PlaceAsync(string id, string name, string phone, string address, IReadOnlyList<BaselineLine> lines, string createdAt)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var needs = lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => (Sku: g.Key, Quantity: g.Sum(l => l.Quantity))).ToList();
        lock (_gate)
        {
            if (_orders.ContainsKey(id))
            {
                return Task.FromResult(PlaceResult.AlreadyExists);
            }

            foreach (var (sku, quantity) in needs)
            {
                if (!_stock.TryGetValue(sku, out var row))
                {
                    return Task.FromResult(PlaceResult.UnknownSku);
                }

                if (row.OnHand - row.Reserved - row.Allocated < quantity)
                {
                    return Task.FromResult(PlaceResult.Insufficient);
                }
            }

            foreach (var (sku, quantity) in needs)
            {
                _stock[sku].Reserved += quantity;
            }

            _orders[id] = new OrderRow(lines.Sum(l => l.Quantity * l.UnitPrice), [.. lines]);
            return Task.FromResult(PlaceResult.Created);
        }
    }

    public Task<string?> PayAsync(string id, string paymentId)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out var order))
            {
                return Task.FromResult<string?>(null);
            }

            if (order.Status == "PendingPayment")
            {
                (order.Status, order.PaymentId) = ("Paid", paymentId);
            }

            return Task.FromResult<string?>(order.Status == "Paid" && order.PaymentId == paymentId ? "Paid" : "conflict:" + order.Status);
        }
    }

    public Task<BaselineOrder?> GetOrderAsync(string id)
    {
        lock (_gate)
        {
            return Task.FromResult(_orders.TryGetValue(id, out var o) ? new BaselineOrder(id, o.Status, o.Total, o.PaymentId, o.Lines) : null);
        }
    }

    public Task<BaselineStock?> GetStockAsync(string sku)
    {
        lock (_gate)
        {
            return Task.FromResult(_stock.TryGetValue(sku, out var r)
                ? new BaselineStock(sku, r.OnHand, r.Reserved, r.Allocated, Math.Max(0, r.OnHand - r.Reserved - r.Allocated), 0)
                : null);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private StockRow Row(string sku)
    {
        if (!_stock.TryGetValue(sku, out var row))
        {
            _stock[sku] = row = new StockRow();
        }

        return row;
    }

    private sealed class StockRow
    {
        public int OnHand { get; set; }

        public int Reserved { get; set; }

        public int Allocated { get; set; }
    }

    private sealed class OrderRow(decimal total, IReadOnlyList<BaselineLine> lines)
    {
        public string Status { get; set; } = "PendingPayment";

        public string? PaymentId { get; set; }

        public decimal Total { get; } = total;

        public IReadOnlyList<BaselineLine> Lines { get; } = lines;
    }
}
