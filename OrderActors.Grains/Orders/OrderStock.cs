using System.Globalization;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;

namespace OrderActors.Grains.Orders;

/// <summary>
/// The order's side of its stock, with quantities of repeated SKUs summed first. Reservations (all or nothing) and the
/// fulfilment steps go to the SKU grains one by one in ordinal SKU order (a fixed order, so two orders never wait on
/// each other in opposite orders); confirmations and releases, which are never refused for want of stock, go side by side.
/// </summary>
internal sealed class OrderStock(IGrainFactory grains, string orderId, string actor)
{
    public static SortedDictionary<string, int> Needs(IEnumerable<OrderLineView> lines)
    {
        var needs = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            needs[line.Sku] = needs.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        return needs;
    }

    /// <summary>
    /// Reserves every SKU, all or nothing: when one is refused, the ones taken are released and the refusal
    /// (<c>stock.insufficient</c>) is returned as a value, not thrown: a sold-out checkout is the common answer of a
    /// flash sale, and an exception rethrown at every await up to the API cost more than the rest of the refusal.
    /// With <paramref name="allowShortage"/> (an order already sold on a marketplace) nothing is refused; Shortage names
    /// the SKUs that are short and by how much (<c>SKU-1 short by 3</c>), null when none is. With <paramref name="confirm"/> (the order is already paid) each SKU confirms its
    /// reservation in the same write, and <paramref name="expiresAt"/> is null: a confirmed reservation does not expire.
    /// Each SKU's answer also says how many of the units were sold on its presale allowance (<see cref="StockReservation.Presale"/>).
    /// </summary>
    public async Task<StockReservation> ReserveAsync(SortedDictionary<string, int> needs, DateTimeOffset? expiresAt, bool allowShortage, bool confirm = false)
    {
        var taken = new List<string>();
        string? shortage = null;
        string? presale = null;
        PlaceRefusal? refusal = null;
        try
        {
            foreach (var (sku, quantity) in needs)
            {
                var result = await Sku(sku).ReserveAsync(new ReserveStock(orderId, quantity, expiresAt, allowShortage, actor, confirm));
                if (!result.Accepted)
                {
                    refusal = PlaceRefusal.StockInsufficient(sku, quantity);
                    break;
                }

                taken.Add(sku);
                if (result.Shortage > 0)
                {
                    var item = string.Create(CultureInfo.InvariantCulture, $"{sku} short by {result.Shortage}");
                    shortage = shortage is null ? item : $"{shortage}, {item}";
                }

                if (result.Presale > 0)
                {
                    var item = string.Create(CultureInfo.InvariantCulture, $"{sku}: {result.Presale} of {quantity}");
                    presale = presale is null ? item : $"{presale}, {item}";
                }
            }
        }
        catch
        {
            await ReleaseTakenAsync(taken);
            throw;
        }

        if (refusal is not null)
        {
            await ReleaseTakenAsync(taken);
            return new StockReservation(null, refusal, null);
        }

        return new StockReservation(shortage, null, presale);
    }

    /// <summary>
    /// Confirms the order's reservation on every SKU, side by side: unlike a reservation, a confirmation is never refused
    /// for want of stock, so there is no all-or-nothing to keep in SKU order, and an order of n SKUs waits for one commit,
    /// not n. A SKU that fails leaves the others confirmed, as the one-by-one loop did for the SKUs before it.
    /// Returns the SKUs whose presale units still wait for goods (<c>SKU-1: 3 of 5</c>), null when none does.
    /// </summary>
    public async Task<string?> ConfirmAsync(SortedDictionary<string, int> needs)
    {
        var confirm = new ConfirmStock(orderId, actor);
        if (needs.Count == 1)
        {
            // Most orders have one SKU: no list of calls and no combined task for it, as before presales were tracked.
            foreach (var sku in needs.Keys)
            {
                var holding = await Sku(sku).ConfirmAsync(confirm);
                return holding.AwaitingGoods > 0 ? AwaitingGoods([holding], needs) : null;
            }
        }

        var holdings = new List<Task<StockHolding>>(needs.Count);
        foreach (var sku in needs.Keys)
        {
            holdings.Add(Sku(sku).ConfirmAsync(confirm));
        }

        return AwaitingGoods(await Task.WhenAll(holdings), needs);
    }

    /// <summary>The SKUs (but <paramref name="except"/>) whose presale units for this order still wait for goods, null when none does.</summary>
    public async Task<string?> AwaitingGoodsAsync(SortedDictionary<string, int> needs, string? except = null)
    {
        var holdings = new List<StockHolding>(needs.Count);
        foreach (var sku in needs.Keys)
        {
            if (sku != except)
            {
                holdings.Add(await Sku(sku).GetHoldingAsync(orderId));
            }
        }

        return AwaitingGoods(holdings, needs);
    }

    private static string? AwaitingGoods(IEnumerable<StockHolding> holdings, SortedDictionary<string, int> needs)
    {
        string? awaiting = null;
        foreach (var holding in holdings)
        {
            if (holding.AwaitingGoods > 0)
            {
                var item = string.Create(CultureInfo.InvariantCulture, $"{holding.Sku}: {holding.AwaitingGoods} of {needs.GetValueOrDefault(holding.Sku)}");
                awaiting = awaiting is null ? item : $"{awaiting}, {item}";
            }
        }

        return awaiting;
    }

    /// <summary>Releases the order's reservation on every SKU, side by side (a release takes nothing another order could need).</summary>
    public Task ReleaseAsync(SortedDictionary<string, int> needs, string reason) =>
        ForEachSku(needs, static (sku, release) => sku.ReleaseAsync(release), new ReleaseStock(orderId, reason, actor));

    /// <summary>
    /// Allocates every SKU, all or nothing. The plan was made from a view of the warehouses that another order's
    /// allocation may have changed since; when one SKU is refused, the SKUs allocated before it are taken back, or the
    /// order would stay unallocated while they stayed allocated to it.
    /// </summary>
    public async Task AllocateAsync(IReadOnlyDictionary<string, string> warehouseBySku)
    {
        var done = new List<(string Sku, string Warehouse)>(warehouseBySku.Count);
        try
        {
            foreach (var (sku, warehouse) in warehouseBySku.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                await Sku(sku).AllocateAsync(new AllocateStock(orderId, warehouse, actor));
                done.Add((sku, warehouse));
            }
        }
        catch (DomainException) when (done.Count > 0)
        {
            foreach (var (sku, warehouse) in done)
            {
                await Sku(sku).UnallocateAsync(new UnallocateStock(orderId, warehouse, actor));
            }

            throw;
        }
    }

    /// <summary>Takes the order's allocation in <paramref name="warehouse"/> back to a reservation on every SKU; a SKU not allocated there changes nothing.</summary>
    public async Task UnallocateAsync(IEnumerable<string> skus, string warehouse)
    {
        foreach (var sku in skus)
        {
            await Sku(sku).UnallocateAsync(new UnallocateStock(orderId, warehouse, actor));
        }
    }

    public async Task ShipAsync(SortedDictionary<string, int> needs)
    {
        foreach (var sku in needs.Keys)
        {
            await Sku(sku).ShipAsync(new ShipStock(orderId, actor));
        }
    }

    public async Task RestockAsync(SortedDictionary<string, int> needs, string warehouse, string returnId)
    {
        foreach (var (sku, quantity) in needs)
        {
            await Sku(sku).RestockAsync(new RestockReturn(returnId, warehouse, quantity, actor));
        }
    }

    /// <summary>Moves the reservations of <paramref name="needs"/> from one order to another (split, merge).</summary>
    public async Task TransferAsync(SortedDictionary<string, int> needs, string fromOrderId, string toOrderId)
    {
        foreach (var (sku, quantity) in needs)
        {
            await Sku(sku).TransferAsync(new TransferReservation(fromOrderId, toOrderId, quantity, actor));
        }
    }

    /// <summary>
    /// Each SKU's warehouses as this order found them before it began allocating (or splitting into
    /// <paramref name="parts"/>): units the order or one of its parts already holds allocated count as available where
    /// they are. Allocation and split write to the SKUs before the order's own append, so a stop in between leaves some
    /// SKUs allocated; the retry must plan on what the first attempt saw, not be refused for want of the units it took
    /// itself. Also returns where the order's own units are already allocated (SKU → warehouse).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, IReadOnlyList<WarehouseStockView>> Warehouses, IReadOnlyDictionary<string, string> Allocated)> WarehousesBeforeAsync(
        IEnumerable<string> skus, IReadOnlyList<string> parts)
    {
        var warehouses = new Dictionary<string, IReadOnlyList<WarehouseStockView>>(StringComparer.Ordinal);
        var allocated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sku in skus.Order(StringComparer.Ordinal))
        {
            var grain = Sku(sku);
            var view = grain.GetAsync();
            var holding = await grain.GetHoldingAsync(orderId);
            if (holding is { Status: HoldingStatus.Allocated, Warehouse: { } own })
            {
                allocated[sku] = own;
            }

            // A SKU the order no longer holds went whole to one of its split parts (a split a stop interrupted).
            for (var i = 0; i < parts.Count && !IsOpen(holding.Status); i++)
            {
                holding = await grain.GetHoldingAsync(parts[i]);
            }

            var levels = (await view).Warehouses;
            warehouses[sku] = holding is { Status: HoldingStatus.Allocated, Warehouse: { } at }
                ? levels.Select(w => w.Warehouse == at ? w with { Allocated = w.Allocated - holding.Quantity, Available = w.Available + holding.Quantity } : w).ToList()
                : levels;
        }

        return (warehouses, allocated);
    }

    private static bool IsOpen(HoldingStatus status) => status is HoldingStatus.Reserved or HoldingStatus.Confirmed or HoldingStatus.Allocated;

    private async Task ReleaseTakenAsync(List<string> taken)
    {
        foreach (var sku in taken)
        {
            await Sku(sku).ReleaseAsync(new ReleaseStock(orderId, "placement failed", actor));
        }
    }

    private ISkuStockGrain Sku(string sku) => grains.GetGrain<ISkuStockGrain>(sku);

    /// <summary>One call per SKU, all started before any is awaited; a lone SKU's call is awaited as it is.</summary>
    private Task ForEachSku<TState, TResult>(SortedDictionary<string, int> needs, Func<ISkuStockGrain, TState, Task<TResult>> call, TState state)
    {
        if (needs.Count == 1)
        {
            foreach (var sku in needs.Keys)
            {
                return call(Sku(sku), state);
            }
        }

        var calls = new List<Task>(needs.Count);
        foreach (var sku in needs.Keys)
        {
            calls.Add(call(Sku(sku), state));
        }

        return Task.WhenAll(calls);
    }
}
