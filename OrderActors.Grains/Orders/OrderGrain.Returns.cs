using OrderActors.Grains.Orders.Events;
using OrderActors.Grains.Rules;

namespace OrderActors.Grains.Orders;

/// <summary>Refund requests: interception before shipping, returns after; receipt restocks and records the credit note.</summary>
public sealed partial class OrderGrain
{
    public async Task<OrderView> RequestReturnAsync(RequestReturn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Reason, "reason", 500);
        OrderValidation.Required(command.Actor, "actor");
        OrderGuards.EnsureExists(State, Id);
        if (State.Status is OrderStatus.ReturnRequested or OrderStatus.Returned or OrderStatus.Refunded
            || (State.Status == OrderStatus.Cancelled && State.CancelReason == InterceptReason(command.Reason)))
        {
            return await ViewAsync();
        }

        if (State.InMerge)
        {
            // Part of a merge: this buyer's refund reaches this order's lines only, as the same request on the channel
            // does (OrderGrain.Unmerge.cs): taken out before packing, the parcel held once packed, a return once shipped.
            return await CancelMergedAsync(new CancelMerged(InterceptReason(command.Reason), command.Actor, ReturnWhenShipped: true));
        }

        switch (State.Status)
        {
            case OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Allocated or OrderStatus.Packed:
                var rules = await RulesAsync();
                await CancelAndReleaseAsync(InterceptReason(command.Reason), command.Actor, rules);
                return await AfterChangeAsync(rules);
            case OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed:
                await journal.AppendAsync(new ReturnRequested(command.Reason, time.GetUtcNow()), command.Actor);
                break;
            default:
                OrderGuards.ThrowInvalid(State, "request a refund for");
                break;
        }

        return await AfterChangeAsync(await RulesAsync());
    }

    public async Task<OrderView> ReceiveReturnAsync(ReceiveReturn command)
    {
        ArgumentNullException.ThrowIfNull(command);
        OrderValidation.Required(command.Actor, "actor");
        OrderValidation.MaxLength(command.Warehouse, "warehouse", 64);
        OrderGuards.EnsureExists(State, Id);
        if (State.Status == OrderStatus.Refunded)
        {
            EnsureSameReceipt(command);
            return await ViewAsync();
        }

        OrderGuards.EnsureStatus(State, "receive a return for", OrderStatus.ReturnRequested);
        var warehouse = string.IsNullOrWhiteSpace(command.Warehouse) ? State.Warehouse : command.Warehouse.Trim();
        if (warehouse is null)
        {
            throw DomainException.Validation("validation.required", "warehouse", "Name the warehouse that received the return.");
        }

        var rules = await RulesAsync();
        await EnsureKnownWarehouseAsync(warehouse, rules.Allocation, command.Actor);
        // A return of one buyer's part of a merged shipment brings back and refunds that part only.
        var lines = State.ReturnLines ?? State.Lines;
        var paid = State.ReturnAmount ?? (State.PaidAmount > 0 ? State.PaidAmount : State.TotalAmount);
        var returned = ReturnedUnits(lines, command.Lines);
        // The refund is by the units that came back, broken or not: the buyer sent them back, and what broke them (the
        // carrier, a defect, the buyer) is a claim on the carrier or supplier, or a refundAmount finance gives.
        var amount = command.RefundAmount ?? ShareOf(paid, lines, returned.ToDictionary(r => r.Key, r => r.Value.Quantity));
        if (amount < 0 || amount > paid)
        {
            throw DomainException.Validation("validation.out_of_range", "refundAmount", $"The refund is 0 to {paid}.");
        }

        // The customer's refund first: it is the step that can refuse (a refund above what the customer's record
        // holds for the order), and a refusal after the restock left the units counted twice. Both steps are keyed by
        // the return, so a retry after a failure in between does neither twice.
        await RecordRefundAsync("return", amount, State.ReturnReason ?? "return", command.Actor, ownShare: State.ReturnLines is not null);
        // Damaged units stay off the shelf's count: restocked, the next orders would sell them.
        var back = new SortedDictionary<string, int>(returned.Values.Where(r => r.Quantity > r.Damaged).ToDictionary(r => r.Sku, r => r.Quantity - r.Damaged), StringComparer.Ordinal);
        if (back.Count > 0)
        {
            await Stock(command.Actor).RestockAsync(back, warehouse, $"{Id}-return");
        }

        var now = time.GetUtcNow();
        var returnedLines = returned.Values.ToList();
        await journal.AppendAsync([new ReturnReceived(warehouse, now, returnedLines), new OrderRefunded($"CN-{Id}", amount, now)], command.Actor);
        return await AfterChangeAsync(rules);
    }

    /// <summary>
    /// A warehouse is known when the order shipped from it, an allocation rule names it, or one of the order's SKUs has
    /// stock levels there (received or counted, even to 0). Anything else is most likely a typo, and restocking there
    /// would make it a warehouse of those SKUs that allocation by stock could then pick to ship from.
    /// </summary>
    private async Task EnsureKnownWarehouseAsync(string warehouse, AllocationRules allocation, string actor)
    {
        if (string.Equals(warehouse, State.Warehouse, StringComparison.Ordinal)
            || allocation.Rules.Any(r => string.Equals(r.Warehouse, warehouse, StringComparison.Ordinal)))
        {
            return;
        }

        var (levels, _) = await Stock(actor).WarehousesBeforeAsync(OrderStock.Needs(State.Lines).Keys, []);
        if (levels.Values.Any(warehouses => warehouses.Any(w => string.Equals(w.Warehouse, warehouse, StringComparison.Ordinal))))
        {
            return;
        }

        throw DomainException.Validation(
            OrderErrors.UnknownWarehouse,
            "warehouse",
            $"Warehouse '{warehouse}' is not known: the order shipped from {State.Warehouse ?? "no warehouse"}, no allocation rule names it, " +
            "and none of the order's SKUs has stock there. Check the name; a new warehouse starts with a receipt or a count of its stock.");
    }

    /// <summary>
    /// A receipt of a return already received is a retry (200, nothing changes) when it asks for what was recorded, or
    /// leaves it out; one with another refund or other units is 409 <c>order.return_received</c> saying what was
    /// recorded (units and credit note; no amount, which the warehouse role does not see). It was a 200 that changed nothing: the second parcel of a return, or a corrected refund, was taken for
    /// done while the buyer was refunded only the first amount. An order takes one return receipt.
    /// </summary>
    private void EnsureSameReceipt(ReceiveReturn command)
    {
        var recorded = State.ReturnedLines ?? [];
        var sameAmount = command.RefundAmount is not { } asked || asked == State.CreditNote?.Amount;
        var sameLines = command.Lines is null
            || (command.Lines.All(l => recorded.Exists(r => r.Sku == l.Sku.Trim() && r.Quantity == l.Quantity && r.Damaged == l.Damaged))
                && recorded.All(r => r.Quantity == 0 || command.Lines.Any(l => l.Sku.Trim() == r.Sku)));
        if (sameAmount && sameLines)
        {
            return;
        }

        var units = string.Join(", ", recorded.Select(r => r.Damaged > 0 ? $"{r.Quantity} × {r.Sku} ({r.Damaged} damaged)" : $"{r.Quantity} × {r.Sku}"));
        throw DomainException.Conflict(
            "order.return_received",
            $"The return of order {Id} was received on {State.ReturnedAt:u} ({units} back, credit note {State.CreditNote?.Number}); " +
            "an order takes one return receipt, so this one changed nothing.");
    }

    /// <summary>
    /// The units that came back, per SKU of the return: all of them (none damaged) when the warehouse named none, else
    /// those it named (a SKU it left out came back 0). A SKU the return does not cover, one named twice, more units than
    /// shipped, or more damaged than came back is a 400 naming the line, before anything is refunded or restocked:
    /// restocking units that never came back (or came back broken) made stock the shelf does not have, and the next orders
    /// oversold it.
    /// </summary>
    private static SortedDictionary<string, ReturnedLine> ReturnedUnits(IReadOnlyList<OrderLineView> lines, IReadOnlyList<ReturnedLine>? named)
    {
        var shipped = OrderStock.Needs(lines);
        if (named is null)
        {
            return new SortedDictionary<string, ReturnedLine>(shipped.ToDictionary(s => s.Key, s => new ReturnedLine(s.Key, s.Value)), StringComparer.Ordinal);
        }

        var returned = new SortedDictionary<string, ReturnedLine>(shipped.ToDictionary(s => s.Key, s => new ReturnedLine(s.Key, 0)), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < named.Count; i++)
        {
            var (sku, quantity) = (named[i].Sku.Trim(), named[i].Quantity);
            if (!shipped.TryGetValue(sku, out var sent))
            {
                throw DomainException.Validation(
                    "validation.out_of_range", $"lines[{i}].sku", $"SKU '{sku}' is not in this return; it covers {string.Join(", ", shipped.Keys)}.");
            }

            if (!seen.Add(sku))
            {
                throw DomainException.Validation("validation.invalid", $"lines[{i}].sku", $"SKU '{sku}' is listed twice; give each SKU once with the units that came back.");
            }

            if (quantity < 0 || quantity > sent)
            {
                throw DomainException.Validation(
                    "validation.out_of_range", $"lines[{i}].quantity", $"{quantity} of {sku} cannot have come back: the order shipped {sent}. Give 0 to {sent}.");
            }

            if (named[i].Damaged < 0 || named[i].Damaged > quantity)
            {
                throw DomainException.Validation(
                    "validation.out_of_range", $"lines[{i}].damaged", $"{named[i].Damaged} of {sku} cannot be damaged: {quantity} came back. Give 0 to {quantity}.");
            }

            returned[sku] = new ReturnedLine(sku, quantity, named[i].Damaged);
        }

        return returned;
    }

    /// <summary>
    /// The returned units' share of <paramref name="paid"/>: each SKU's line amounts in proportion to its units that came
    /// back, shared out of the payment to the cent as a split shares it (so a discounted order refunds its discount's
    /// share too). Everything back is the whole payment.
    /// </summary>
    private static decimal ShareOf(decimal paid, IReadOnlyList<OrderLineView> lines, Dictionary<string, int> returned)
    {
        var shipped = OrderStock.Needs(lines);
        if (shipped.All(s => returned.GetValueOrDefault(s.Key) == s.Value))
        {
            return paid;
        }

        var total = 0m;
        var back = 0m;
        foreach (var line in lines)
        {
            total += line.Amount;
            back += line.Amount * returned.GetValueOrDefault(line.Sku) / shipped[line.Sku];
        }

        return PaymentShares.Split(paid, [back, total - back])[0];
    }

    private static string InterceptReason(string reason) => $"refund requested: {reason}";
}
