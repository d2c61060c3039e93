using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Stock;

namespace OrderActors.Grains.Orders;

/// <summary>Allocation, split, packing, shipping, tracking, delivery and completion.</summary>
public sealed partial class OrderGrain
{
    public async Task<OrderView> AllocateAsync(AllocateOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderValidation.MaxLength(command.Warehouse, "warehouse", 64);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Allocated && (command.Warehouse is null || command.Warehouse == State.Warehouse))
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "allocate", OrderStatus.Paid);
        var waiting = State.WaitsOnlyForPresaleGoods;
        if (!waiting)
        {
            OrderGuards.EnsureNotBlocked(State, "allocate");
        }

        var rules = await RulesAsync();
        var stock = Stock(command.Actor);
        var needs = OrderStock.Needs(State.Lines);
        var (available, begun) = await stock.WarehousesBeforeAsync(needs.Keys, []);
        if (State.Presale && begun.Count == 0 && await PresaleGoodsMissingAsync(stock, needs, available, command.Warehouse, rules) is { } goods)
        {
            // Waiting for goods is not a failure to report at every try: the order is held (quietly, no SLA) until a
            // receipt covers it. Already held, the try changes nothing and says what it still waits for.
            if (waiting)
            {
                throw DomainException.Conflict(OrderErrors.AwaitingPresaleStock, $"Order {Id} still waits for goods sold on presale ({goods}); it is released when received stock covers it.");
            }

            await journal.AppendAsync(new HoldOpened(HoldCodes.AwaitingPresaleStock, AwaitingDetail(goods), time.GetUtcNow()), command.Actor);
            return await AfterChangeAsync(rules);
        }

        string warehouse;
        if (begun.Count > 0)
        {
            // An allocation a stop interrupted after some SKUs were allocated is finished where it began.
            warehouse = begun.Values.First();
            if (!string.IsNullOrWhiteSpace(command.Warehouse) && command.Warehouse.Trim() != warehouse)
            {
                throw DomainException.Conflict("stock.already_allocated", $"Order {Id} is being allocated to '{warehouse}'; it cannot be allocated to '{command.Warehouse.Trim()}'.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(command.Warehouse))
        {
            warehouse = command.Warehouse.Trim();
            var missing = needs.FirstOrDefault(n => (available[n.Key].FirstOrDefault(w => w.Warehouse == warehouse)?.Available ?? 0) < n.Value);
            if (missing.Key is not null)
            {
                throw DomainException.Conflict("stock.warehouse_insufficient", $"Warehouse '{warehouse}' cannot cover {missing.Value} of {missing.Key}.");
            }
        }
        else
        {
            var plan = AllocationPlanner.Plan(State.Lines, State.Address, State.Channel, State.Tags, rules.Allocation, available);
            if (plan.Unshippable.Count > 0)
            {
                throw DomainException.Conflict(OrderErrors.NoWarehouse, $"No warehouse has the stock of {string.Join(", ", plan.Unshippable)}.");
            }

            warehouse = plan.SingleWarehouse
                ?? throw DomainException.Conflict(OrderErrors.SplitRequired, $"No single warehouse can ship every line ({string.Join(", ", plan.Warehouses)} together can): split the order.");
        }

        await stock.AllocateAsync(needs.ToDictionary(n => n.Key, _ => warehouse, StringComparer.Ordinal));
        var now = time.GetUtcNow();
        await journal.AppendAsync(
            waiting ? [new HoldReleased(HoldCodes.AwaitingPresaleStock, "the goods are on hand", now), new OrderAllocated(warehouse, now)] : [new OrderAllocated(warehouse, now)],
            command.Actor);
        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// What a presale order's allocation still waits for, or null when the goods are here: its SKUs' presale units not
    /// covered by goods on hand (the SKU knows, oldest sale first), else, with no warehouse named, the SKUs no warehouse
    /// has the units of (a presale the storefront declared, whose units came from stock since counted away).
    /// </summary>
    private async Task<string?> PresaleGoodsMissingAsync(
        OrderStock stock, SortedDictionary<string, int> needs, IReadOnlyDictionary<string, IReadOnlyList<WarehouseStockView>> available, string? warehouse, RuleBook rules)
    {
        if (await stock.AwaitingGoodsAsync(needs) is { } awaiting)
        {
            return awaiting;
        }

        if (!string.IsNullOrWhiteSpace(warehouse))
        {
            return null;
        }

        var plan = AllocationPlanner.Plan(State.Lines, State.Address, State.Channel, State.Tags, rules.Allocation, available);
        return plan.Unshippable.Count > 0 ? $"no warehouse has {string.Join(", ", plan.Unshippable)}" : null;
    }

    public async Task<bool> PresaleStockArrivedAsync(PresaleStockArrived command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!State.Exists || State.Status != OrderStatus.Paid || !State.HasHold(HoldCodes.AwaitingPresaleStock))
        {
            return false;
        }

        // The SKU that tells is waiting on this call: only the others are asked.
        var needs = OrderStock.Needs(State.Lines);
        if (await Stock(command.Actor).AwaitingGoodsAsync(needs, except: command.Sku) is not null)
        {
            return false;
        }

        await journal.AppendAsync(new HoldReleased(HoldCodes.AwaitingPresaleStock, $"goods received for {command.Sku}", time.GetUtcNow()), command.Actor);
        await AfterChangeAsync(await RulesAsync());
        return true;
    }

    public async Task<OrderView> SplitAsync(SplitOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderValidation.MaxLength(command.Reason, "reason", 500);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Split)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "split", OrderStatus.Paid);
        OrderGuards.EnsureNotBlocked(State, "split");
        var rules = await RulesAsync();
        var needs = OrderStock.Needs(State.Lines);
        // Planned on the stock as it was before this split began: a split a stop interrupted has parts holding some SKUs
        // allocated, and their units count where they are, so the retry makes the same plan and finishes it.
        var parts = Enumerable.Range(1, needs.Count).Select(i => OrderKeys.SplitPart(Id, i)).ToList();
        var (available, _) = await Stock(command.Actor).WarehousesBeforeAsync(needs.Keys, parts);
        var plan = AllocationPlanner.Plan(State.Lines, State.Address, State.Channel, State.Tags, rules.Allocation, available);
        if (plan.Unshippable.Count > 0)
        {
            throw DomainException.Conflict(OrderErrors.NoWarehouse, $"No warehouse has the stock of {string.Join(", ", plan.Unshippable)}.");
        }

        if (plan.SingleWarehouse is not null)
        {
            throw DomainException.Conflict(OrderErrors.SplitNotNeeded, $"Warehouse '{plan.SingleWarehouse}' can ship every line: allocate instead.");
        }

        var parent = State.ToView(Id, journal.Version, rules.Sla);
        var partLines = plan.Warehouses.Select(w => State.Lines.Where(l => plan.WarehouseBySku[l.Sku] == w).ToList()).ToList();
        var shares = PaymentShares.Split(State.PaidAmount, [.. partLines.Select(lines => lines.Sum(l => l.Amount))]);
        var children = new List<string>();
        foreach (var warehouse in plan.Warehouses)
        {
            var childId = OrderKeys.SplitPart(Id, children.Count + 1);
            var part = children.Count;
            await GrainFactory.GetGrain<IOrderGrain>(childId).CreateSplitPartAsync(new CreateSplitPart(Id, parent, partLines[part], warehouse, shares[part], command.Actor));
            children.Add(childId);
        }

        await journal.AppendAsync(new OrderSplit(children, command.Reason, time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(rules);
    }

    public async Task<OrderView> CreateSplitPartAsync(CreateSplitPart command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (State.Exists)
        {
            return State.ParentOrderId == command.ParentOrderId
                ? await ViewAsync()
                : throw DomainException.Conflict(OrderErrors.InvalidTransition, $"Order '{Id}' already exists and is not a part of '{command.ParentOrderId}'.");
        }

        var rules = await RulesAsync();
        var now = time.GetUtcNow();
        var parent = command.Parent;
        var index = Id[(command.ParentOrderId.Length + 1)..];
        var stock = Stock(command.Actor);
        var needs = OrderStock.Needs(command.Lines);

        // The parent's reservation moves to the part atomically per SKU, so stock totals never change and nobody can take the units in between.
        await stock.TransferAsync(needs, command.ParentOrderId, Id);

        // The parent planned the warehouse from a view that another order's allocation may have changed since. Then this
        // part is made paid but unallocated (to be allocated like any order), rather than the split failing after other
        // parts were made and took their stock from the parent.
        var allocated = true;
        try
        {
            await stock.AllocateAsync(needs.ToDictionary(n => n.Key, _ => command.Warehouse, StringComparer.Ordinal));
        }
        catch (DomainException refused) when (refused.Code == "stock.warehouse_insufficient")
        {
            allocated = false;
        }

        List<object> events =
        [
            new OrderPlaced(parent.Channel, $"{parent.ExternalOrderNo}-{index}", parent.Shop, parent.Customer, parent.Address, command.Lines,
                parent.BuyerNote, parent.PaymentMethod, parent.Presale, parent.Promotions, parent.Tags, null, [], command.ParentOrderId, rules.Version, now,
                parent.ChannelModifiedAt, parent.Receiver),
            new PaymentConfirmed(parent.PaymentId, command.PaidShare, now),
        ];
        if (allocated)
        {
            events.Add(new OrderAllocated(command.Warehouse, now));
        }

        await journal.AppendAsync(events, command.Actor);
        return await AfterChangeAsync(rules);
    }

    public async Task<OrderView> PackAsync(PackOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Packed)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "pack", OrderStatus.Allocated);
        OrderGuards.EnsureNotBlocked(State, "pack");
        await journal.AppendAsync(new OrderPacked(time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> ShipAsync(ShipOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Carrier, "carrier", 50);
        OrderValidation.Required(command.WaybillNo, "waybillNo", 64);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.ShippedAt is not null && State.WaybillNo == command.WaybillNo.Trim() && CarrierNames.Same(State.Carrier, command.Carrier))
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "ship", OrderStatus.Packed);
        OrderGuards.EnsureNotBlocked(State, "ship");
        await Stock(command.Actor).ShipAsync(OrderStock.Needs(State.Lines));
        await journal.AppendAsync(new OrderShipped(command.Carrier.Trim(), command.WaybillNo.Trim(), time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> AddTrackingEventAsync(AddTrackingEvent command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Status, "status", 50);
        OrderValidation.MaxLength(command.Description, "description", OrderValidation.MaxTrackingDescription);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        // Before a redelivery is recognised, so nothing of another carrier's is taken as this order's.
        CarrierNames.EnsureShippedWith(Id, State.Carrier, State.WaybillNo, command.Carrier);
        if (State.Tracking.Exists(t => t.Status == command.Status && (t.CarrierAt ?? t.At) == command.At))
        {
            return await ViewAsync();
        }

        // A scan is a fact about a parcel, kept whatever became of the order after it shipped (its return received and
        // refunded) or instead of shipping (intercepted after packing, when the carrier had the parcel): refused, the
        // carrier sent it again for days. Before shipping it is refused, so the carrier retries until the order ships.
        OrderGuards.EnsureStatus(
            State,
            "track",
            OrderStatus.Shipped,
            OrderStatus.Delivered,
            OrderStatus.Completed,
            OrderStatus.ReturnRequested,
            OrderStatus.Returned,
            OrderStatus.Refunded,
            OrderStatus.Cancelled);
        if (State.Status == OrderStatus.Cancelled && State.PackedAt is null)
        {
            // Cancelled before packing, the order never had a parcel: a scan for it was sent to the wrong order (a
            // mistyped orderId), and adding it told nobody, while the parcel's own order went without its scans.
            throw DomainException.Conflict(
                OrderErrors.InvalidTransition,
                $"Order {Id} was cancelled before it was packed and never had a parcel to scan; check the orderId or waybillNo the scan was sent for.");
        }

        await journal.AppendAsync(new TrackingEventAdded(command.Status, command.Description, command.At, time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> DeliverAsync(DeliverOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Delivered)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "deliver", OrderStatus.Shipped);
        var now = time.GetUtcNow();
        // The scan's time, not the callback's arrival (hours later when a carrier batches them); a clock ahead of ours or
        // behind the shipping time is kept within them.
        DateTimeOffset? received = command.ScannedAt is { } scanned
            ? (scanned > now ? now : State.ShippedAt is { } shipped && scanned < shipped ? shipped : scanned)
            : null;
        await journal.AppendAsync(new OrderDelivered(now, received == now ? null : received), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> CompleteAsync(CompleteOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Completed)
        {
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "complete", OrderStatus.Delivered);
        await journal.AppendAsync(new OrderCompleted(time.GetUtcNow()), command.Actor);
        return await AfterChangeAsync(await RulesAsync());
    }
}
